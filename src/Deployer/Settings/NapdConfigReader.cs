using Nap.Protocol;
using System.Text.Json;

namespace Nap.Deployer.Settings;

/// <summary>
/// Reads napd.json (absent = all defaults). Every error is one line naming the file and the key,
/// because napd refuses to start on it and the admin reads it in `systemctl status napd`.
/// </summary>
public static partial class NapdConfigReader
{
    public sealed class ConfigException(string message) : Exception(message);

    public static NapdConfig Read(string file, Func<string>? findPrimaryAddress = null)
    {
        if (!File.Exists(file))
            return Resolve(new NapdConfig(), "auto", findPrimaryAddress);
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new ConfigException($"{file}: expected a JSON object");
            var (config, address) = Apply(new NapdConfig(), "auto", doc.RootElement, file);
            return Resolve(config, address, findPrimaryAddress);
        }
        catch (JsonException e)
        {
            throw new ConfigException($"{file}: not valid JSON: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    static NapdConfig Resolve(NapdConfig config, string address, Func<string>? findPrimaryAddress) =>
        config.WithPublicAddress(address == "auto" ? (findPrimaryAddress ?? PrimaryAddress.Find)() : address);
}
