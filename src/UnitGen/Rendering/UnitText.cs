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

    /// <summary>Covers only ExecStartPre's docker rm: docker run is the main process.</summary>
    public const string RunStartTimeout = "2min";

    public const string RestartDelay = "5s";

    /// <summary>docker stop waits the stop timeout, then kills; systemd waits this much more before it kills docker.</summary>
    public const int StopMarginSeconds = 30;
}
