using System.Diagnostics;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>systemd's own reading of unit files: systemd-analyze verify, which needs no running systemd.</summary>
static class SystemdAnalyze
{
    /// <summary>Everything verify prints for these units; empty means systemd has nothing to say.</summary>
    public static string Verify(params string[] unitPaths) => Run(debug: false, unitPaths);

    /// <summary>
    /// The command lines systemd parsed for one unit, each as its argv, by setting key
    /// (ExecStart, ...). verify's debug log dumps the loaded unit; that dump is the oracle.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> CommandLines(string unitPath)
    {
        var lines = Run(debug: true, [unitPath]).Split('\n');
        var result = new Dictionary<string, IReadOnlyList<string>>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            var key = lines[i].Trim();
            var next = lines[i + 1].Trim();
            if (key.StartsWith("-> Exec") && key.EndsWith(':') && next.StartsWith("Command Line: "))
                result[key[3..^1]] = ShellWords.Split(next["Command Line: ".Length..]);
        }
        return result;
    }

    // verify resolves what the units name: docker.service and /usr/bin/docker come with Debian's docker.io.
    static Process Start(ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("systemd-analyze is missing: apt-get install -y systemd docker.io (verify needs docker.service and /usr/bin/docker too)");
        }
    }

    static string Run(bool debug, string[] unitPaths)
    {
        var start = new ProcessStartInfo("systemd-analyze") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "verify", "--no-pager" }.Concat(unitPaths))
            start.ArgumentList.Add(arg);
        if (debug)
            start.Environment["SYSTEMD_LOG_LEVEL"] = "debug";
        using var process = Start(start);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return stdout + stderr.Result;
    }
}
