using System.Runtime.CompilerServices;
using CliWrap;
using CliWrap.Buffered;
using CliWrap.EventStream;

namespace Nap.Deployer.Systemd;

/// <summary>
/// <see cref="IJournal"/> through journalctl: its JSON output is journald's own format, and --follow is
/// the supported way to tail (sd-journal has no D-Bus interface).
/// </summary>
public sealed class Journalctl(string binary = "journalctl") : IJournal
{
    public async Task<string?> CursorAsync(CancellationToken ct)
    {
        var result = await Command(["--lines=1", "--output", "json", "--no-pager", "--quiet"]).ExecuteBufferedAsync(ct);
        var line = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return line is null ? null : JournalEntry.Parse(line)?.Cursor;
    }

    public async IAsyncEnumerable<JournalEntry> ReadAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in Command(query.ToArguments()).ListenAsync(ct))
        {
            if (e is StandardOutputCommandEvent output && JournalEntry.Parse(output.Text) is { } entry)
                yield return entry;
        }
    }

    Command Command(IEnumerable<string> args) => Cli.Wrap(binary).WithArguments(args).WithValidation(CommandResultValidation.None);
}
