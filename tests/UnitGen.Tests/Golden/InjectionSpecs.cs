using Nap.UnitGen.Model;
using Nap.UnitGen.Rendering;
using Nap.UnitGen.Tests.Rendering;

namespace Nap.UnitGen.Tests.Golden;

/// <summary>
/// No Dockerfile value, hostile or not, adds a directive or an argument: every unit of the
/// corpus is read back (by systemd, for the command lines) and must have exactly nap's shape.
/// </summary>
public class InjectionSpecs
{
    static readonly Dictionary<string, string[]> Keys = new()
    {
        ["Unit"] = ["Description", "Documentation", "After", "Wants", "Requires", "StartLimitIntervalSec", "StartLimitBurst"],
        ["Service"] = ["Type", "EnvironmentFile", "SyslogIdentifier", "Restart", "RestartSec", "SuccessExitStatus", "TimeoutStartSec", "TimeoutStopSec", "ExecStart", "ExecStop", "ExecStopPost"],
        ["Install"] = ["WantedBy"],
        ["X-Fleet"] = ["Conflicts", "MachineMetadata"],
    };

    static readonly string[] FlagsWithValue = ["--name", "-p", "--env-file", "-e", "-v", "--label"];

    /// <summary>FLAG=VALUE words: the Dockerfile's health check, user and stop signal, napd's network and limits.</summary>
    static readonly string[] FlagPrefixes = ["--health-", "--user=", "--stop-signal=", "--network=", "--memory=", "--cpus=", "--pids-limit="];

    [Theory]
    [MemberData(nameof(Corpus.All), MemberType = typeof(Corpus))]
    public void No_Dockerfile_value_adds_a_directive_or_an_argument(string name)
    {
        var image = Corpus.Parse(name);
        foreach (var options in Corpus.EveryKind(name))
        {
            var unit = UnitRenderer.RenderRun(image, options);
            var parsed = new ParsedUnit(unit.Content);

            Assert.All(parsed.Entries, e => Assert.Contains(e.Key, Keys.GetValueOrDefault(e.Section, [])));
            Assert.All(unit.Content.Split('\n'), line => Assert.Matches(@"^(|#.*|\[[A-Za-z-]+\]|[A-Za-z]+=.*)$", line));
            AssertShape(image, Argv.Of(unit));
        }
    }

    /// <summary>Walks docker run's argv: each word is a known flag, its value, or the image at the end.</summary>
    static void AssertShape(ImageConfig image, IReadOnlyList<string> argv)
    {
        Assert.Equal(["/usr/bin/docker", "run", "--rm"], argv.Take(3));
        for (var i = 3; i < argv.Count - 1; i++)
        {
            var word = argv[i];
            if (FlagsWithValue.Contains(word))
                i++;
            else
                Assert.True(word is "--init" or "--no-healthcheck" or "--log-driver=none" || FlagPrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal)), $"unexpected argument '{word}' in {string.Join(' ', argv)}");
        }
        Assert.Equal(image.User is null ? [] : [image.User], argv.ValuesOf("--user"));
        Assert.Equal(image.StopSignal is null ? [] : [image.StopSignal], argv.ValuesOf("--stop-signal"));
        Assert.Equal(image.Volumes.Distinct(), argv.ValuesOf("-v").Select(v => v[(v.IndexOf(":/", StringComparison.Ordinal) + 1)..]));
        if (image.HealthCheck?.Test is ["CMD-SHELL", var shell])
            Assert.Contains($"--health-cmd={shell}", argv);
    }
}
