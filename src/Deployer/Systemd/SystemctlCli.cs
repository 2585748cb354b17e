using System.Runtime.CompilerServices;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.EventStream;

namespace Nap.Deployer.Systemd;

/// <summary><see cref="ISystemd"/> through the systemctl and journalctl binaries.</summary>
public sealed class SystemctlCli(string systemctl = "systemctl", string journalctl = "journalctl") : ISystemd
{
    public Task DaemonReloadAsync(CancellationToken ct) => RunCheckedAsync(systemctl, ["daemon-reload"], ct);

    public Task RunAsync(UnitAction action, string unit, CancellationToken ct) =>
        RunCheckedAsync(systemctl, action.Arguments(unit), ct);

    public async Task<string> IsActiveAsync(string unit, CancellationToken ct)
    {
        // is-active exits 3 for anything but active; its stdout is the answer either way.
        var result = await Run(systemctl, ["is-active", "--", unit]).ExecuteBufferedAsync(ct);
        var state = result.StandardOutput.Trim();
        return state.Length > 0 ? state : "unknown";
    }

    public async Task<IReadOnlyDictionary<string, string>> ShowAsync(string unit, IReadOnlyList<string> properties, CancellationToken ct)
    {
        var result = await Run(systemctl, ["show", "--property=" + string.Join(',', properties), "--", unit]).ExecuteBufferedAsync(ct);
        if (result.ExitCode != 0)
            throw new SystemdException(Message(result, "systemctl show " + unit));
        return result.StandardOutput
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .GroupBy(kv => kv[0])
            .ToDictionary(g => g.Key, g => g.First()[1]);
    }

    public async Task<IReadOnlyList<string>> ChangedOnDiskAsync(IReadOnlyList<string> units, CancellationToken ct)
    {
        var result = await Run(systemctl, ["show", "--property=Id,NeedDaemonReload", "--", .. units]).ExecuteBufferedAsync(ct);
        if (result.ExitCode != 0)
            throw new SystemdException(Message(result, "systemctl show " + string.Join(' ', units)));
        // One block per unit, blank-line separated, properties in the order systemd keeps.
        return result.StandardOutput.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            .Where(lines => lines.Contains("NeedDaemonReload=yes"))
            .Select(lines => lines.FirstOrDefault(l => l.StartsWith("Id=", StringComparison.Ordinal))?[3..] ?? "?")
            .ToArray();
    }

    public async Task<string?> CatAsync(string unit, CancellationToken ct)
    {
        var result = await Run(systemctl, ["cat", "--no-pager", "--", unit]).ExecuteBufferedAsync(ct);
        return result.ExitCode == 0 ? result.StandardOutput : null;
    }

    public async Task<string?> JournalCursorAsync(CancellationToken ct)
    {
        var result = await Run(journalctl, ["--lines=1", "--output", "json", "--no-pager", "--quiet"]).ExecuteBufferedAsync(ct);
        var line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return line is null ? null : JournalEntry.Parse(line)?.Cursor;
    }

    public async IAsyncEnumerable<JournalEntry> JournalAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in Run(journalctl, query.ToArguments()).ListenAsync(ct))
        {
            if (e is StandardOutputCommandEvent output && JournalEntry.Parse(output.Text) is { } entry)
                yield return entry;
        }
    }

    static Command Run(string binary, IEnumerable<string> args) =>
        Cli.Wrap(binary).WithArguments(args).WithValidation(CommandResultValidation.None);

    static async Task RunCheckedAsync(string binary, IReadOnlyList<string> args, CancellationToken ct)
    {
        var result = await Run(binary, args).ExecuteBufferedAsync(ct);
        if (result.ExitCode != 0)
            throw new SystemdException(Message(result, binary + " " + string.Join(' ', args)));
    }

    static string Message(BufferedCommandResult result, string what)
    {
        var text = (result.StandardError.Trim() + "\n" + result.StandardOutput.Trim()).Trim();
        return text.Length > 0 ? text : $"{what} exited with {result.ExitCode}";
    }
}
