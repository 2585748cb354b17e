using System.Globalization;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>Go's time.ParseDuration, which HEALTHCHECK's options use: "1m30s", "1.5h", "300ms", "-2s".</summary>
internal static partial class GoDuration
{
    [GeneratedRegex(@"^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+|0)$", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)", RegexOptions.CultureInvariant)]
    private static partial Regex PartPattern();

    public static TimeSpan? Parse(string text)
    {
        var match = DurationPattern().Match(text);
        if (!match.Success)
            return null;

        var ticks = 0.0;
        foreach (Match part in PartPattern().Matches(match.Groups[2].Value))
        {
            var amount = double.Parse(part.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            ticks += amount * part.Groups[2].Value switch
            {
                "ns" => 0.01,
                "us" or "µs" or "μs" => 10,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerHour,
            };
        }

        if (ticks > TimeSpan.MaxValue.Ticks)
            return null;
        var duration = TimeSpan.FromTicks((long)ticks);
        return match.Groups[1].Value == "-" ? duration.Negate() : duration;
    }
}
