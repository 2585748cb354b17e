using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// The labels a build gives the image: org.opencontainers.image.revision/.source/.created and nap.app.
/// Docker's classic builder (Debian 12's docker.io) turns each --label into its own LABEL step, one
/// container committed per label; <see cref="AppendTo"/> makes them one LABEL line instead.
/// </summary>
public static class ImageLabels
{
    public static IReadOnlyList<KeyValuePair<string, string>> Of(UnitOptions options)
    {
        List<KeyValuePair<string, string>> labels = [new("org.opencontainers.image.revision", options.Revision)];
        if (options.Source is { } source)
            labels.Add(new("org.opencontainers.image.source", source));
        if (options.Created != default)
            labels.Add(new("org.opencontainers.image.created", options.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        labels.Add(new("nap.app", options.App));
        return labels;
    }

    /// <summary>
    /// <paramref name="dockerfile"/> with one LABEL line of every label appended, for
    /// <see cref="UnitOptions.LabelledDockerfile"/>; null when that could change what the Dockerfile
    /// means: a value that would need quoting (quotes, '$', spaces, escape characters), or a last line
    /// that continues onto the next one (the LABEL would join it). Pass the labels as flags then.
    /// </summary>
    public static string? AppendTo(string dockerfile, UnitOptions options)
    {
        var labels = Of(options);
        if (!labels.All(l => l.Value.Length > 0 && l.Value.All(IsPlain)))
            return null;
        var text = dockerfile.TrimEnd();
        if (text.EndsWith('\\') || text.EndsWith('`'))
            return null;
        return text + "\n\nLABEL " + string.Join(' ', labels.Select(l => $"{l.Key}={l.Value}")) + "\n";
    }

    static bool IsPlain(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/' or '@' or '+';
}
