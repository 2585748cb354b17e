using System.Globalization;
using System.Text.RegularExpressions;

namespace Nap.Deployer.Steps;

/// <summary>A step's "timeout": a whole number and s, m or h ("90s", "10m", "1h"), at most limits.stepMinutes.</summary>
public static partial class StepTimeout
{
    public static readonly TimeSpan Default = TimeSpan.FromMinutes(10);

    /// <summary>The timeout, or null with <paramref name="problem"/> saying why not.</summary>
    public static TimeSpan? Parse(string text, int maxMinutes, out string? problem)
    {
        problem = null;
        var match = Duration().Match(text);
        if (!match.Success)
        {
            problem = "is not a duration: write a whole number and s, m or h, such as \"10m\"";
            return null;
        }
        var n = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = n * match.Groups[2].Value switch { "s" => 1L, "m" => 60L, _ => 3600L };
        if (seconds == 0 || seconds > maxMinutes * 60L)
        {
            problem = $"must be more than 0 and at most {maxMinutes}m (limits.stepMinutes in /etc/nap/napd.json)";
            return null;
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>What a step without "timeout" gets: 10 minutes, or the host's cap when less.</summary>
    public static TimeSpan Unstated(int maxMinutes) => TimeSpan.FromMinutes(Math.Min(Default.TotalMinutes, maxMinutes));

    [GeneratedRegex("^([0-9]{1,7})(s|m|h)\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Duration();
}
