using System.Globalization;

namespace Nap.Deployer.Ports;

/// <summary>An inclusive range of TCP ports, written "FIRST-LAST" in napd.json.</summary>
public sealed record PortRange(int First, int Last)
{
    public int Count => Last - First + 1;

    public bool Contains(int port) => port >= First && port <= Last;

    public bool Overlaps(PortRange other) => First <= other.Last && other.First <= Last;

    public IEnumerable<int> Ports => Enumerable.Range(First, Count);

    public static PortRange? Parse(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            || first < 1 || last > 65535 || first > last)
            return null;
        return new(first, last);
    }

    public override string ToString() => $"{First}-{Last}";
}
