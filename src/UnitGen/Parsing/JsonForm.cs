using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing;

/// <summary>The exec form: a JSON array of strings, as buildkit's parseJSON reads it.</summary>
internal static partial class JsonForm
{
    /// <summary>
    /// The array, or null for the shell form. Docker silently runs a broken array as a shell command
    /// (`CMD ['node','app.js']` then fails at run time); nap rejects it instead. RUN and HEALTHCHECK
    /// keep docker's fallback unless the text looks like a list, since `[ -f x ] &amp;&amp; ...` is an ordinary shell test.
    /// </summary>
    public static IReadOnlyList<string>? Parse(Instruction instruction, string arguments)
    {
        var text = arguments.Trim();
        if (!text.StartsWith('['))
            return null;

        if (TryParse(text) is { } result)
            return result.Strings ?? throw instruction.Error("a JSON array must hold strings only, e.g. [\"/bin/app\", \"--port\", \"80\"]");

        var shellTestsAllowed = instruction.Name is InstructionNames.Run or InstructionNames.Healthcheck;
        if (!text.EndsWith(']') || (shellTestsAllowed && !QuotedList().IsMatch(text)))
            return null;
        throw instruction.Error($"{text} is not valid JSON; write the exec form with double quotes, e.g. [\"/bin/app\", \"arg\"]");
    }

    // ['a', 'b'] or ["a",]: a quoted first element followed by a comma.
    [GeneratedRegex(@"^\[\s*(['""]).*?\1\s*,", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedList();

    private sealed record Parsed(IReadOnlyList<string>? Strings);

    private static Parsed? TryParse(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
                return null;

            var strings = new List<string>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.String)
                    return new Parsed(null);
                strings.Add(element.GetString()!);
            }
            return new Parsed(strings);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a lone surrogate such as "\ud83d" inside a string.
            return null;
        }
    }
}
