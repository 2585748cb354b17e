using System.Diagnostics;
using System.Text;

namespace Nap.UnitGen.Tests.Rendering;

/// <summary>
/// Runs a printed script through a real POSIX shell (dash, /bin/sh) with docker and mkdir replaced by shell functions
/// that write back the words they were given: the tests read the shell's own unquoting, not ours.
/// </summary>
static class PosixShell
{
    const string Recorder = """
        record() { printf '%s\0' "$#" "$@"; }
        docker() { record docker "$@"; }
        mkdir() { record mkdir "$@"; }
        . "$1"
        """;

    /// <summary>Each command the script ran, as its argv.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Commands(string script)
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, script);
            var start = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
            foreach (var arg in new[] { "-c", Recorder, "sh", file })
                start.ArgumentList.Add(arg);
            using var shell = Process.Start(start)!;
            var error = shell.StandardError.ReadToEndAsync();
            var words = shell.StandardOutput.ReadToEnd().Split('\0');
            shell.WaitForExit();
            Assert.True(shell.ExitCode == 0, $"sh failed ({shell.ExitCode}): {error.Result}");
            var commands = new List<IReadOnlyList<string>>();
            for (var i = 0; i < words.Length - 1;)
            {
                var count = int.Parse(words[i++], System.Globalization.CultureInfo.InvariantCulture);
                commands.Add(words[i..(i + count)]);
                i += count;
            }
            return commands;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
