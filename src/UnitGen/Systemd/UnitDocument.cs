using System.Text;

namespace Nap.UnitGen.Systemd;

/// <summary>A unit file: header comments, then sections in order.</summary>
public sealed record UnitDocument(IReadOnlyList<string> Comments, IReadOnlyList<UnitSection> Sections)
{
    public UnitDocument() : this([], []) { }

    public UnitDocument WithComment(string line) => this with { Comments = [.. Comments, line] };

    public UnitDocument With(UnitSection section) => this with { Sections = [.. Sections, section] };

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var comment in Comments)
            text.Append("# ").Append(CheckLine(comment)).Append('\n');
        foreach (var section in Sections)
        {
            if (text.Length > 0)
                text.Append('\n');
            text.Append('[').Append(section.Name).Append("]\n");
            foreach (var (key, value) in section.Entries)
                text.Append(key).Append('=').Append(CheckLine(value)).Append('\n');
        }
        return text.ToString();
    }

    // The last line of defence: whatever escaping did, a line break would be a new directive.
    static string CheckLine(string line) =>
        line.Contains('\n') || line.Contains('\r')
            ? throw new InvalidOperationException($"a unit file line cannot contain a line break: '{line}'")
            : line;
}
