using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// What the hostile-input specs check on the host after every refusal: that nothing was created,
/// changed or lost. A snapshot is everything nap owns (data dir with checksums, units, nginx files,
/// containers, unit states), so "before == after" means the request left no trace.
/// </summary>
public static partial class HostileHost
{
    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    public static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    const string SnapshotScript = """
        set -e
        echo '# dirs'; find /var/lib/nap -type d | sort
        echo '# files'; find /var/lib/nap -type f -print0 | sort -z | xargs -0 -r md5sum
        echo '# units'; find /etc/systemd/system -name 'nap-*' -print0 | sort -z | xargs -0 -r md5sum
        echo '# nginx'; find /etc/nginx/conf.d -name 'nap-*' -print0 | sort -z | xargs -0 -r md5sum
        echo '# containers'; docker ps -a --format '{{.Names}} {{.Image}} {{.State}}' | sort
        echo '# states'; systemctl list-units 'nap-*' --all --no-legend --plain | awk '{print $1, $3, $4}' | sort
        """;

    /// <summary>Everything nap owns on the host, as text to compare.</summary>
    public static async Task<string> SnapshotAsync(this NapHost host)
    {
        // A release replaced by an earlier spec retires after its push has answered (drain, docker stop):
        // compare the host once it has settled, not in the middle of that.
        for (var i = 0; i < 120 && !Settled((await host.Exec("systemctl", "list-units", "nap-*", "--all", "--no-legend", "--plain")).Stdout); i++)
            await Task.Delay(250);
        return (await host.Exec("sh", "-c", SnapshotScript)).EnsureSuccess("snapshot of the host").Stdout;
    }

    /// <summary>No unit starting or stopping, and at most one running release per app (none still draining).</summary>
    static bool Settled(string units)
    {
        var lines = units.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return !units.Contains("activating", StringComparison.Ordinal)
            && lines.Where(l => l.Contains(" active ", StringComparison.Ordinal) && l.Contains('@'))
                .Select(l => l.Split(' ')[0])
                .GroupBy(unit => unit[..unit.IndexOf('@')])
                // nap-APP@N.service and nap-APP@N.K.service are instances of one release (ps:scale).
                .All(app => app.Select(unit => unit[(unit.IndexOf('@') + 1)..].Split('.')[0]).Distinct().Count() <= 1);
    }

    /// <summary>The repo's refs as root sees them ("" when the repo does not exist).</summary>
    public static async Task<string> RefListAsync(this NapHost host, string app)
    {
        var refs = await host.Exec("git", "-c", "safe.directory=*", "--git-dir", $"/var/lib/nap/repos/{app}.git", "for-each-ref", "--format=%(refname) %(objectname)");
        return refs.ExitCode == 0 ? refs.Stdout : "";
    }

    /// <summary>Asserts that no repo, app dir, unit, nginx file or container of <paramref name="app"/> exists.</summary>
    public static async Task AssertNoTraceOfAsync(this NapHost host, string app)
    {
        var found = await host.Exec("sh", "-c",
            "ls -d \"/var/lib/nap/repos/$1.git\" \"/var/lib/nap/apps/$1\" /etc/systemd/system/nap-\"$1\"-build.service /etc/systemd/system/nap-\"$1\"@* /etc/nginx/conf.d/nap-\"$1\".conf 2>/dev/null; docker ps -a --format '{{.Names}}' | awk -v a=\"nap-$1-\" 'index($0, a) == 1 && substr($0, length(a) + 1) ~ /^[0-9]+$/'",
            "sh", app);
        Assert.Equal("", found.Stdout.Trim());
    }

    /// <summary>Asserts that a refused command printed its reason and the short help, and exited 1.</summary>
    public static void AssertRefused(ExecResult result, string reason)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(reason, result.Stderr);
        Assert.Contains("Usage: git push nap@HOST:APP master", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>Pushes <paramref name="tree"/> as <paramref name="app"/> and returns the address it was deployed at.</summary>
    public static async Task<string> DeployHelloAsync(this GitWorkTree tree, string app, SshKey? key = null)
    {
        var push = await tree.PushAsync(app, key);
        var match = Deployed().Match(push.Output);
        Assert.True(push.ExitCode == 0 && match.Success, push.ToString());
        Assert.Contains("Hello from nap", await Http.GetStringAsync(match.Groups[1].Value));
        return match.Groups[1].Value;
    }

    /// <summary>Asserts the app at <paramref name="url"/> still serves the hello page.</summary>
    public static async Task AssertStillServesAsync(string url) =>
        Assert.Contains("Hello from nap", await Http.GetStringAsync(url));
}
