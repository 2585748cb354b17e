using System.Text;

namespace Nap.UnitGen.Parsing;

public static partial class DockerfileParser
{
    // bufio.Scanner's default buffer: buildkit fails on a line (its \r and a leading BOM included) that does not fit.
    private const int MaxLineBytes = 65535;

    private static List<string> SplitLines(string text)
    {
        var raw = text.Split('\n');
        for (var index = 0; index < raw.Length; index++)
            CheckLength(raw[index], index + 1);

        var lines = raw.Select(l => l.TrimEnd('\r')).ToList();
        if (lines[0].StartsWith('\uFEFF'))
            lines[0] = lines[0][1..];
        if (lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    private static void CheckLength(string line, int lineNumber)
    {
        // A char is at most 3 UTF-8 bytes, so most lines need no counting.
        if (line.Length * 3L <= MaxLineBytes)
            return;
        var bytes = Encoding.UTF8.GetByteCount(line);
        if (bytes > MaxLineBytes)
            throw new DockerfileException(lineNumber, null, $"the line is {bytes} bytes long and docker reads at most {MaxLineBytes}; split it with continuation lines or move the data into a file");
    }
}
