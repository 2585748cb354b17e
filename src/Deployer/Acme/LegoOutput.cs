using System.Text.RegularExpressions;

namespace Nap.Deployer.Acme;

/// <summary>
/// lego's log, as one line: the error it ended with (the last line that is not [INFO] or [WARN], with the lines
/// that continue it), without its timestamp, with the ACME problem written as TYPE: DETAIL.
/// </summary>
public static partial class LegoOutput
{
    [GeneratedRegex(@"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2} ")]
    private static partial Regex Timestamp();

    // RFC 8555 §6.7: "acme: error: 429 :: POST :: URL :: urn:ietf:params:acme:error:rateLimited :: detail".
    [GeneratedRegex(@"acme: error: (?<status>\d{3}) :: (?:[A-Z]+ :: \S+ :: )?urn:ietf:params:acme:error:(?<type>[A-Za-z]+) :: ")]
    private static partial Regex Problem();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    static readonly string[] Noise = ["[INFO]", "[WARN]", "No key found for account", "Saved key to"];

    static readonly string[] Preambles = ["Could not obtain certificates:", "error: one or more domains had a problem:"];

    public static string Reason(string stderr)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = Array.FindLastIndex(lines, l => Timestamp().IsMatch(l) && !Noise.Any(Timestamp().Replace(l, "").StartsWith));
        if (last < 0)
            return lines.Length == 0 ? "lego failed and printed nothing" : $"lego failed: {Space().Replace(lines[^1], " ")}";
        var text = string.Join(' ', lines.Skip(last).TakeWhile((l, i) => i == 0 || !Timestamp().IsMatch(l)).Select(l => Timestamp().Replace(l, "")));
        foreach (var preamble in Preambles)
            text = text.Replace(preamble, "", StringComparison.Ordinal);
        text = Problem().Replace(text, m => $"{m.Groups["type"].Value}: ").Replace(" :: ", ": ", StringComparison.Ordinal);
        return Space().Replace(text, " ").Trim();
    }

    /// <summary>The ACME problem type the reason names (rateLimited, connection, dns, ...), or null.</summary>
    public static string? ProblemType(string stderr) =>
        Problem().Matches(stderr) is { Count: > 0 } found ? found[^1].Groups["type"].Value : null;
}
