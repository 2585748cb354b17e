namespace Nap.UnitGen.Rendering;

/// <summary>The fixed words of nap's units, in one place.</summary>
static class UnitText
{
    public const string Docker = "/usr/bin/docker";

    // https: systemd-analyze verify checks man: pages, which slim hosts do not install.
    public const string RunDocumentation = "https://docs.docker.com/reference/cli/docker/container/run/";
    public const string BuildDocumentation = "https://docs.docker.com/reference/cli/docker/image/build/";

    /// <summary>Builds pull base layers and compile; a minute would kill honest builds.</summary>
    public const string BuildTimeout = "30min";

    /// <summary>Covers only the exec of docker run (Type=exec): the container's start and health are napd's to wait for.</summary>
    public const string RunStartTimeout = "2min";

    public const string RestartDelay = "5s";

    /// <summary>docker stop waits the stop timeout, then kills; systemd waits this much more before it kills docker.</summary>
    public const int StopMarginSeconds = 30;
}
