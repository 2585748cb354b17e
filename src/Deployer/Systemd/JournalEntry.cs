using System.Text.Json;
using System.Text;

namespace Nap.Deployer.Systemd;

/// <summary>One journal entry as `journalctl -o json` gives it.</summary>
/// <param name="FromManager">Written by systemd itself about the unit ("Starting...", "Finished..."), not by the unit's process.</param>
/// <param name="JobResult">Set on the manager's entry that closes a job: "done", "failed", "canceled", ...</param>
public sealed record JournalEntry(string Message, string? Cursor, bool FromManager = false, string? JobResult = null)
{
    public static JournalEntry? Parse(string jsonLine)
    {
        try
        {
            using var doc = JsonDocument.Parse(jsonLine);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return null;
            return new JournalEntry(
                Text(root, "MESSAGE") ?? "",
                Text(root, "__CURSOR"),
                FromManager: Text(root, "_PID") == "1",
                JobResult: Text(root, "JOB_RESULT"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // journald gives a field as an array of bytes when it is not valid UTF-8.
    static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value))
            return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Array => Encoding.UTF8.GetString(value.EnumerateArray()
                .Where(b => b.ValueKind == JsonValueKind.Number)
                .Select(b => (byte)b.GetInt32()).ToArray()),
            _ => null,
        };
    }
}
