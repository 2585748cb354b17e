namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>
/// Go's time.ParseDuration, which HEALTHCHECK's options use: "1m30s", "1.5h", "300ms", "-2s", "0".
/// It counts whole nanoseconds as Go does, so "50ns" stays 50ns instead of a TimeSpan tick rounded to zero.
/// </summary>
internal static class GoDuration
{
    private const ulong Overflow = 1UL << 63;

    private static readonly Dictionary<string, ulong> Units = new(StringComparer.Ordinal)
    {
        ["ns"] = 1,
        ["us"] = 1_000,
        ["µs"] = 1_000, // U+00B5 micro sign
        ["μs"] = 1_000, // U+03BC Greek mu
        ["ms"] = 1_000_000,
        ["s"] = 1_000_000_000,
        ["m"] = 60_000_000_000,
        ["h"] = 3_600_000_000_000,
    };

    /// <summary>Nanoseconds, or null for what Go calls an invalid duration.</summary>
    public static long? ParseNanoseconds(string text)
    {
        var rest = text;
        var negative = false;
        if (rest.Length > 0 && rest[0] is '-' or '+')
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }
        if (rest == "0")
            return 0;
        if (rest.Length == 0)
            return null;

        ulong total = 0;
        while (rest.Length > 0)
        {
            if (Component(ref rest) is not { } part)
                return null;
            total += part;
            if (total > Overflow)
                return null;
        }
        if (negative)
            return total == Overflow ? long.MinValue : -(long)total;
        return total < Overflow ? (long)total : null;
    }

    // [0-9]*(\.[0-9]*)?unit, with Go's overflow checks; the fraction goes through a double, as in Go.
    private static ulong? Component(ref string rest)
    {
        if (rest[0] != '.' && !char.IsAsciiDigit(rest[0]))
            return null;
        var (whole, wholeDigits) = LeadingInt(ref rest);
        if (whole is null)
            return null;

        (ulong Value, double Scale, bool Digits) fraction = (0, 1, false);
        if (rest.StartsWith('.'))
        {
            rest = rest[1..];
            fraction = LeadingFraction(ref rest);
        }
        if (!wholeDigits && !fraction.Digits)
            return null;

        var unitLength = rest.TakeWhile(c => c != '.' && !char.IsAsciiDigit(c)).Count();
        if (unitLength == 0 || !Units.TryGetValue(rest[..unitLength], out var unit))
            return null;
        rest = rest[unitLength..];

        if (whole > Overflow / unit)
            return null;
        var value = whole.Value * unit;
        if (fraction.Value > 0)
            value += (ulong)(fraction.Value * (unit / fraction.Scale));
        return value > Overflow ? null : value;
    }

    private static (ulong? Value, bool Digits) LeadingInt(ref string rest)
    {
        ulong value = 0;
        var i = 0;
        for (; i < rest.Length && char.IsAsciiDigit(rest[i]); i++)
        {
            if (value > Overflow / 10)
                return (null, true);
            value = value * 10 + (ulong)(rest[i] - '0');
            if (value > Overflow)
                return (null, true);
        }
        rest = rest[i..];
        return (value, i > 0);
    }

    // Digits beyond what 63 bits hold are read and ignored.
    private static (ulong Value, double Scale, bool Digits) LeadingFraction(ref string rest)
    {
        ulong value = 0;
        var scale = 1.0;
        var overflow = false;
        var i = 0;
        for (; i < rest.Length && char.IsAsciiDigit(rest[i]); i++)
        {
            var next = value * 10 + (ulong)(rest[i] - '0');
            if (overflow || value > (Overflow - 1) / 10 || next > Overflow)
            {
                overflow = true;
                continue;
            }
            value = next;
            scale *= 10;
        }
        rest = rest[i..];
        return (value, scale, i > 0);
    }
}
