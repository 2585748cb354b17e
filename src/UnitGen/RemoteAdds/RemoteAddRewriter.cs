using System.Text;
using System.Text.Json;
using Nap.UnitGen.Parsing;

namespace Nap.UnitGen.RemoteAdds;

/// <summary>
/// The Dockerfile the engine builds when napd has fetched the ADD URLs itself: each such ADD becomes a COPY --from
/// the image of downloads, on the same line (the lines it spanned left blank), so the engine's messages name the
/// pushed file's lines. Everything else is kept byte for byte. COPY of a file keeps what ADD of a URL makes: no
/// archive is unpacked, the file keeps the name from the URL and the mode and time it has in the image of downloads,
/// --chown, --chmod, --link and --exclude apply as written.
/// </summary>
public static class RemoteAddRewriter
{
    // Flags napd has dealt with: it checks the checksum itself, and unpack or git options do not apply to its files.
    private static readonly HashSet<string> Dropped = ["checksum", "unpack", "keep-git-dir"];

    public static string Rewrite(string text, IReadOnlyList<RemoteAdd> adds, string image)
    {
        var instructions = DockerfileParser.Parse(text).Instructions;
        var lines = text.Split('\n');
        foreach (var add in adds)
        {
            var instruction = instructions.Single(i => i.Line == add.Line && i.Name == InstructionNames.Add);
            var copy = Copy(instruction, add, image);
            for (var line = instruction.Line; line <= instruction.EndLine; line++)
                lines[line - 1] = (line == instruction.Line ? copy : "") + (lines[line - 1].EndsWith('\r') ? "\r" : "");
        }
        return string.Join('\n', lines);
    }

    private static string Copy(Instruction add, RemoteAdd remote, string image)
    {
        var text = new StringBuilder("COPY --from=").Append(image);
        foreach (var flag in add.Flags.Where(f => !Dropped.Contains(f.Name)))
            text.Append(" --").Append(flag.Name).Append("=\"").Append(Quoted(flag.Value ?? "true")).Append('"');
        var sources = remote.Files.Select((_, index) => remote.PathOf(index)).ToList();
        if (add.ExecForm is { } json)
            text.Append(" [").AppendJoin(", ", sources.Append(json[^1]).Select(s => $"\"{JsonEncodedText.Encode(s)}\"")).Append(']');
        else
            text.Append(' ').AppendJoin(' ', sources).Append(' ').Append(DestinationWord(add.Arguments));
        return text.ToString();
    }

    // buildkit's flag extraction takes a backslash inside quotes as "the next character as is".
    private static string Quoted(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"");

    // The shell form of ADD is split on blanks, then each word substituted: the destination's word is kept as written.
    private static string DestinationWord(string arguments) =>
        arguments.Split([' ', '\t', '\v', '\f', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries)[^1];
}
