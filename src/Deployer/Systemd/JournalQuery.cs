namespace Nap.Deployer.Systemd;

/// <summary>Which journal entries of one unit to read.</summary>
/// <param name="Lines">Only the last N entries (journalctl -n); null for all after the cursor.</param>
public sealed record JournalQuery(string Unit, string? AfterCursor = null, int? Lines = null, bool Follow = false)
{
    /// <summary>Units read together with <see cref="Unit"/>, interleaved by time (the instances of a scaled app).</summary>
    public IReadOnlyList<string> MoreUnits { get; init; } = [];

    public JournalQuery WithMoreUnits(IEnumerable<string> units) => this with { MoreUnits = [.. units] };

    public JournalQuery WithFollow(bool follow = true) => this with { Follow = follow };

    public JournalQuery WithAfterCursor(string? cursor) => this with { AfterCursor = cursor };

    public JournalQuery WithLines(int? lines) => this with { Lines = lines };

    public IReadOnlyList<string> ToArguments()
    {
        List<string> args = ["--unit", Unit, .. MoreUnits.SelectMany(u => new[] { "--unit", u }), "--output", "json", "--no-pager", "--quiet"];
        if (AfterCursor is not null)
            args.Add("--after-cursor=" + AfterCursor);
        if (Lines is { } n)
            args.Add("--lines=" + n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Follow)
            args.Add("--follow");
        return args;
    }
}
