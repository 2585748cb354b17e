using System.Text;
using Nap.Protocol;

namespace Nap.Receive;

/// <summary>
/// The client's stdin for a verb that takes input: read to its end, but never more than
/// <see cref="Verbs.MaxInputBytes"/>, so a runaway pipe costs nothing and napd never sees it.
/// </summary>
public static class StdinInput
{
    /// <exception cref="InputException">stdin is too long or not UTF-8.</exception>
    public static async Task<string> ReadAsync(Stream stdin, Verbs.Verb verb, CancellationToken ct)
    {
        var buffer = new byte[Verbs.MaxInputBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stdin.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            length += read;
        if (length > Verbs.MaxInputBytes)
            throw new InputException($"the input to '{verb.Name}' is larger than {Verbs.MaxInputBytes / 1024} KiB: send only what it needs ({verb.Usage})");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new InputException($"the input to '{verb.Name}' is not text (UTF-8): {verb.Usage}");
        }
    }
}

/// <summary>stdin was refused before napd was asked; the message is the one line the client sees.</summary>
public sealed class InputException(string message) : Exception(message);
