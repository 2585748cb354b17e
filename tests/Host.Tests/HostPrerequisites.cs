namespace Nap.Host.Tests;

/// <summary>Fails fast, in one line, when what the host tests need was not prepared (scripts/test.sh does it all).</summary>
public static class HostPrerequisites
{
    public static void Check()
    {
        var publish = RepoLayout.PublishDir;
        foreach (var binary in new[] { "nap", "nap-receive", "napd/napd" })
        {
            if (!File.Exists(Path.Combine(publish, binary)))
                throw new InvalidOperationException(
                    $"{Path.Combine(publish, binary)} is missing: run scripts/publish.sh (or set NAP_PUBLISH_DIR)");
        }
        foreach (var image in new[] { RepoLayout.HostImage, RepoLayout.BusyboxImage })
        {
            var inspect = Run.Async("docker", ["image", "inspect", "--format", "{{.Id}}", image]).GetAwaiter().GetResult();
            if (inspect.ExitCode != 0)
                throw new InvalidOperationException($"the image {image} is missing: run scripts/images.sh");
        }
    }
}
