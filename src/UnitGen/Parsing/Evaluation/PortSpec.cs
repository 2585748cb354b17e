using System.Globalization;
using Nap.UnitGen.Model;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>EXPOSE's PORT[/PROTO] and FIRST-LAST[/PROTO].</summary>
internal static class PortSpec
{
    private static readonly HashSet<string> Protocols = ["tcp", "udp", "sctp"];

    /// <summary>The ports the spec names, or null when it names none validly.</summary>
    public static IReadOnlyList<ExposedPort>? Parse(string spec)
    {
        var slash = spec.IndexOf('/');
        var range = slash < 0 ? spec : spec[..slash];
        var protocol = slash < 0 ? "tcp" : spec[(slash + 1)..].ToLowerInvariant();
        if (!Protocols.Contains(protocol))
            return null;

        var dash = range.IndexOf('-');
        var first = Number(dash < 0 ? range : range[..dash]);
        var last = dash < 0 ? first : Number(range[(dash + 1)..]);
        if (first is null || last is null || last < first)
            return null;

        return Enumerable.Range(first.Value, last.Value - first.Value + 1)
            .Select(port => new ExposedPort(port, protocol))
            .ToList();
    }

    private static int? Number(string text) =>
        text.Length is > 0 and <= 5 && text.All(char.IsAsciiDigit)
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : null;
}
