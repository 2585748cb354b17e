namespace Nap.UnitGen;

/// <summary>
/// A Dockerfile that docker build would reject (or that nap cannot run), with the line of the
/// offending instruction. The message is one line meant for the person who pushed.
/// </summary>
public sealed class DockerfileException : Exception
{
    public DockerfileException(int line, string? instruction, string detail)
        : base(Format(line, instruction, detail))
    {
        Line = line;
        Instruction = instruction;
        Detail = detail;
    }

    /// <summary>1-based line of the instruction's first line.</summary>
    public int Line { get; }

    /// <summary>The instruction in upper case ("EXPOSE"), or null for file-level problems.</summary>
    public string? Instruction { get; }

    public string Detail { get; }

    // The message goes to a terminal line by line, so control characters from the file are shown escaped.
    private static string Format(int line, string? instruction, string detail)
    {
        var text = instruction is null ? $"Dockerfile:{line}: {detail}" : $"Dockerfile:{line}: {instruction}: {detail}";
        return string.Concat(text.Select(c => char.IsControl(c) ? c switch
        {
            '\n' => "\\n",
            '\r' => "\\r",
            '\t' => "\\t",
            _ => $"\\u{(int)c:x4}",
        } : c.ToString()));
    }
}
