using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.Protocol;

/// <summary>
/// Where nap-receive is installed (napd.json's receiveBinary): every key line's forced command and every
/// repository's pre-receive hook run it, so the path must be one word for sshd's command="" and for sh.
/// </summary>
public static partial class ReceiveBinary
{
    public const string Default = "/usr/local/bin/nap-receive";

    public const string Setting = "receiveBinary";

    [GeneratedRegex("^/[A-Za-z0-9._/+-]*$")]
    private static partial Regex Plain();

    /// <summary>Null when usable, else why not.</summary>
    public static string? Validate(string path) =>
        Plain().IsMatch(path) ? null : "must be an absolute path of letters, digits and . _ / + -";

    /// <summary>
    /// The setting as napd reads it, for the tools that write key lines (nap keys) without napd's whole reader:
    /// the default when the file or the setting is absent.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not JSON or the setting is not a usable path.</exception>
    public static string FromConfig(string configFile)
    {
        if (!File.Exists(configFile))
            return Default;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(configFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty(Setting, out var value))
                return Default;
            var path = value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
            return Validate(path) is { } bad ? throw new InvalidDataException($"{configFile}: '{Setting}' {bad}") : path;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{configFile}: not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }
}
