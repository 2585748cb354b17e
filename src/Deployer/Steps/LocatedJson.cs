using System.Text;
using System.Text.Json;

namespace Nap.Deployer.Steps;

/// <summary>
/// A JSON document with the line of every value, so each refusal can say where it is: System.Text.Json's DOM keeps no
/// positions, its reader does (<see cref="Utf8JsonReader.TokenStartIndex"/>). Duplicate keys are refused here, since a
/// tenant's file must not mean one thing to nap and another to the next tool that reads it.
/// </summary>
public sealed class LocatedJson
{
    LocatedJson(JsonTokenType kind, int line) => (Kind, Line) = (kind, line);

    public JsonTokenType Kind { get; }
    public int Line { get; }
    public string? String { get; private init; }

    /// <summary>A number that is a whole one within a long (app.json's check seconds and attempts); null for any other.</summary>
    public long? Integer { get; private init; }
    public IReadOnlyList<(string Name, LocatedJson Value)> Properties { get; private init; } = [];
    public IReadOnlyList<LocatedJson> Items { get; private init; } = [];

    public LocatedJson? this[string name] => Properties.Where(p => p.Name == name).Select(p => p.Value).FirstOrDefault();

    /// <exception cref="AppManifestException">not JSON, too deep, or a key given twice.</exception>
    public static LocatedJson Parse(byte[] utf8, string file, int maxDepth)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = maxDepth });
        try
        {
            reader.Read();
            var root = Read(ref reader, utf8, file, "$");
            if (reader.Read())
                throw new JsonException("more after the document's end");
            return root;
        }
        catch (JsonException e)
        {
            // The reader's own position, 0-based: the one place it says where.
            var line = e.LineNumber is { } n ? n + 1 : LineOf(utf8, (int)reader.TokenStartIndex);
            throw new AppManifestException($"{file}:{line}: not valid JSON: {e.Message.Split(" LineNumber:")[0].TrimEnd('.', ' ')}");
        }
    }

    static LocatedJson Read(ref Utf8JsonReader reader, byte[] utf8, string file, string path)
    {
        var line = LineOf(utf8, (int)reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var properties = new List<(string, LocatedJson)>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var at = LineOf(utf8, (int)reader.TokenStartIndex);
                    if (properties.Any(p => p.Item1 == name))
                        throw new AppManifestException($"{file}:{at}: {path}: \"{Protocol.Untrusted.Printable(name)}\" is given twice: keep one");
                    reader.Read();
                    properties.Add((name, Read(ref reader, utf8, file, $"{path}.{name}")));
                }
                return new(JsonTokenType.StartObject, line) { Properties = properties };
            case JsonTokenType.StartArray:
                var items = new List<LocatedJson>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(Read(ref reader, utf8, file, $"{path}[{items.Count}]"));
                return new(JsonTokenType.StartArray, line) { Items = items };
            case JsonTokenType.String:
                return new(JsonTokenType.String, line) { String = reader.GetString() };
            case JsonTokenType.Number:
                return new(JsonTokenType.Number, line) { Integer = reader.TryGetInt64(out var whole) ? whole : null };
            default:
                // true, false, null: kept by kind only; nap reads none of them.
                return new(reader.TokenType, line);
        }
    }

    static int LineOf(byte[] utf8, int index) => utf8.AsSpan(0, Math.Min(index, utf8.Length)).Count((byte)'\n') + 1;

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
