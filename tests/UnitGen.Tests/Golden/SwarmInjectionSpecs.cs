using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;
using Nap.UnitGen.Tests.Rendering;

namespace Nap.UnitGen.Tests.Golden;

/// <summary>
/// No Dockerfile value, hostile or not, becomes a flag of `docker service create` or a command of the printed
/// script: every corpus service is printed, run through a real shell, and its argv must have exactly nap's shape.
/// </summary>
public class SwarmInjectionSpecs
{
    /// <summary>The flags nap writes, all FLAG=VALUE but these.</summary>
    static readonly string[] Switches = ["--detach", "--with-registry-auth", "--init", "--no-healthcheck"];

    static readonly string[] FlagsWithValue =
    [
        "--name", "--replicas", "--label", "--container-label", "--publish", "--env-file", "--env", "--mount", "--user",
        "--stop-signal", "--stop-grace-period", "--health-cmd", "--health-interval", "--health-timeout", "--health-start-period",
        "--health-retries", "--limit-memory", "--limit-cpu", "--limit-pids", "--network", "--constraint", "--restart-condition", "--log-driver",
    ];

    [Theory]
    [MemberData(nameof(Corpus.All), MemberType = typeof(Corpus))]
    public void No_Dockerfile_value_adds_a_flag_or_a_command(string name)
    {
        var image = Corpus.Parse(name);
        var service = UnitRenderer.RenderSwarm(image, Corpus.SwarmOptions(name));

        var commands = PosixShell.Commands(SwarmCommand.Script(service));

        var docker = Assert.Single(commands, c => c[0] == "docker");
        Assert.Equal(["docker", .. SwarmCommand.Arguments(service)], docker);
        Assert.Equal(service.Mounts.Count == 0 ? [] : [["mkdir", "-p", .. service.Mounts.Select(m => m.Source)]], commands.Where(c => c[0] == "mkdir"));
        Assert.Equal(service.Mounts.Count == 0 ? 1 : 2, commands.Count);
        AssertShape(image, docker);
    }

    /// <summary>Walks the argv: each word is one of nap's flags with its value, or the image at the end.</summary>
    static void AssertShape(ImageConfig image, IReadOnlyList<string> argv)
    {
        Assert.Equal(["docker", "service", "create"], argv.Take(3));
        foreach (var word in argv.Skip(3).SkipLast(1))
            Assert.True(Switches.Contains(word) || FlagsWithValue.Any(f => word.StartsWith(f + "=", StringComparison.Ordinal)), $"unexpected argument '{word}'");
        Assert.StartsWith("registry.nap.test:5000/", argv[^1]);
        Assert.Equal(image.User is null ? [] : [image.User], argv.ValuesOf("--user"));
        Assert.Equal(image.StopSignal is null ? [] : [image.StopSignal], argv.ValuesOf("--stop-signal"));
        Assert.Equal(image.HealthCheck?.Test is ["CMD-SHELL", var shell] ? [shell] : [], argv.ValuesOf("--health-cmd"));
        Assert.Equal(image.Volumes.Distinct().Count(), argv.ValuesOf("--mount").Count);
    }
}
