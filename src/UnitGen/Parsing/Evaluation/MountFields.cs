namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>The key=value fields of a RUN --mount value, as buildkit reads them: one CSV record.</summary>
internal static class MountFields
{
    /// <summary>
    /// Every value given to <paramref name="key"/> (any case, blanks around it allowed): from the CSV reading
    /// (`"from=x"` is a field) and from a plain split on commas, so a value neither reading can hide is found.
    /// </summary>
    public static IEnumerable<string> Values(string mount, string key) =>
        Csv(mount).Concat(mount.Split(','))
            .Select(field => field.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().Equals(key, StringComparison.OrdinalIgnoreCase))
            .Select(pair => pair[1])
            .Distinct();

    // Go's encoding/csv for one record: a field starting with a quote runs to the next lone quote ("" is one).
    private static List<string> Csv(string text)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var pos = 0;
        while (true)
        {
            if (pos < text.Length && text[pos] == '"')
            {
                for (pos++; pos < text.Length; pos++)
                {
                    if (text[pos] != '"')
                        field.Append(text[pos]);
                    else if (pos + 1 < text.Length && text[pos + 1] == '"')
                        field.Append(text[++pos]);
                    else
                        break;
                }
                pos++;
            }
            for (; pos < text.Length && text[pos] != ','; pos++)
                field.Append(text[pos]);
            fields.Add(field.ToString());
            field.Clear();
            if (pos >= text.Length)
                return fields;
            pos++;
        }
    }
}
