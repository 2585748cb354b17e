using System.Globalization;

namespace Nap.Deployer.Docker;

/// <summary>
/// One line of a service's log as the engine sends it when asked for timestamps and details
/// (`TIME k=v,k=v TEXT`, the form `docker service logs` reads): which task on which node wrote it, and when.
/// </summary>
/// <param name="TaskId">The task's id (com.docker.swarm.task.id); null for a line the engine wrote about itself.</param>
/// <param name="NodeId">The node's id (com.docker.swarm.node.id); null when the engine did not say.</param>
/// <param name="Time">When the node's journal got the line; null when the engine did not say.</param>
public sealed record ServiceLogLine(string? TaskId, string? NodeId, DateTimeOffset? Time, string Text)
{
    /// <summary>A line of the engine's own (its system-error stream: a node it could not read, say).</summary>
    public static ServiceLogLine Engine(string text) => new(null, null, null, text);

    /// <summary>Reads `TIME DETAILS TEXT`; a line not in that form is kept whole as text.</summary>
    public static ServiceLogLine Parse(string raw)
    {
        var parts = raw.Split(' ', 3);
        if (parts.Length < 2 || ParseTime(parts[0]) is not { } time)
            return new ServiceLogLine(null, null, null, raw);
        var details = Details(parts[1]);
        if (details is null)
            return new ServiceLogLine(null, null, time, raw[(parts[0].Length + 1)..]);
        return new ServiceLogLine(
            details.GetValueOrDefault("com.docker.swarm.task.id"), details.GetValueOrDefault("com.docker.swarm.node.id"), time,
            parts.Length > 2 ? parts[2] : "");
    }

    /// <summary>The engine's RFC 3339 time with nine fraction digits, which DateTimeOffset reads only up to seven of.</summary>
    static DateTimeOffset? ParseTime(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            var end = dot + 1;
            while (end < text.Length && char.IsAsciiDigit(text[end]))
                end++;
            var fraction = text[(dot + 1)..end];
            text = text[..dot] + "." + (fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0')) + text[end..];
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
    }

    /// <summary>`k=v,k=v`, each part query-escaped (the engine's attrsByteSlice); null unless every part has a key.</summary>
    static Dictionary<string, string>? Details(string text)
    {
        var details = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(','))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                return null;
            details[Uri.UnescapeDataString(pair[..equals].Replace('+', ' '))] = Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        }
        return details;
    }
}
