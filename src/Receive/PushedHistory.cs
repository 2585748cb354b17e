using System.Diagnostics;

namespace Nap.Receive;

/// <summary>
/// git runs pre-receive before it refuses a shallow push ("shallow update not allowed"), so a
/// revision whose history is cut off would be deployed and then not stored: the app would run
/// what its repository does not hold. The hook checks first that every pushed revision's history
/// is complete (`git rev-list NEW --not --all` walks only the new commits).
/// </summary>
public static class PushedHistory
{
    const string Zero = "0000000000000000000000000000000000000000";

    /// <returns>null when complete, else the one-line reason.</returns>
    public static async Task<string?> CheckAsync(IReadOnlyList<string> refLines, CancellationToken ct)
    {
        var revisions = refLines
            .Select(line => line.Split(' '))
            .Where(parts => parts.Length == 3 && parts[1] != Zero && parts[1].All(char.IsAsciiHexDigitLower))
            .Select(parts => parts[1])
            .Distinct()
            .ToArray();
        if (revisions.Length == 0 || GitProgram() is not { } git)
            return null;

        if (await GitAsync(git, ["rev-list", "--quiet", .. revisions, "--not", "--all"], ct) == 0)
            return null;
        // Only a revision that is here with its history cut off is refused; anything else is git's to report.
        foreach (var revision in revisions)
        {
            if (await GitAsync(git, ["cat-file", "-e", revision + "^{commit}"], ct) == 0)
                return $"the pushed history of {revision[..7]} is incomplete (a shallow clone?): nothing was deployed; run 'git fetch --unshallow' and push again";
        }
        return null;
    }

    static async Task<int> GitAsync(string git, IEnumerable<string> args, CancellationToken ct)
    {
        var start = new ProcessStartInfo(git) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var drainOut = process.StandardOutput.ReadToEndAsync(ct);
        var drainErr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        await Task.WhenAll(drainOut, drainErr);
        return process.ExitCode;
    }

    static string? GitProgram() => new[] { "/usr/bin/git", "/usr/local/bin/git" }.FirstOrDefault(File.Exists);
}
