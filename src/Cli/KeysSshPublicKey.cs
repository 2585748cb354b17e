using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Nap.Protocol;

namespace Nap.Cli;

/// <summary>An OpenSSH public key, checked down to its wire-format blob so a typo cannot lock out or let in.</summary>
public sealed record SshPublicKey(string Type, string Base64, string? Comment)
{
    static readonly Dictionary<string, string[]> Layouts = new()
    {
        // The fields after the type string, per RFC 4253/5656/8709 and OpenSSH's PROTOCOL.u2f.
        ["ssh-ed25519"] = ["key32"],
        ["ssh-rsa"] = ["mpint", "mpint"],
        ["ecdsa-sha2-nistp256"] = ["curve:nistp256", "string"],
        ["ecdsa-sha2-nistp384"] = ["curve:nistp384", "string"],
        ["ecdsa-sha2-nistp521"] = ["curve:nistp521", "string"],
        ["sk-ssh-ed25519@openssh.com"] = ["key32", "string"],
        ["sk-ecdsa-sha2-nistp256@openssh.com"] = ["curve:nistp256", "string", "string"],
    };

    /// <summary>`SHA256:...` exactly as `ssh-keygen -l` prints it.</summary>
    public string Fingerprint => "SHA256:" + Convert.ToBase64String(SHA256.HashData(Convert.FromBase64String(Base64))).TrimEnd('=');

    public string Text => $"{Type} {Base64}";

    /// <summary>Parses `TYPE BASE64 [COMMENT]`; returns null and a one-line reason when it is not a key we accept.</summary>
    public static SshPublicKey? Parse(string line, out string error)
    {
        var parts = line.Trim().Split([' ', '\t'], 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
            return Fail("expected 'TYPE BASE64 [COMMENT]', as in a .pub file", out error);
        var (type, base64) = (parts[0], parts[1]);
        if (!Layouts.TryGetValue(type, out var layout))
            return Fail($"key type '{Untrusted.Printable(type, 40)}' is not accepted (use {string.Join(", ", Layouts.Keys)})", out error);
        byte[] blob;
        try { blob = Convert.FromBase64String(base64); }
        catch (FormatException) { return Fail("the key's base64 is damaged", out error); }
        var problem = CheckBlob(blob, type, layout);
        if (problem is not null)
            return Fail($"the {type} key is malformed: {problem}", out error);
        error = "";
        return new SshPublicKey(type, base64, parts.Length > 2 ? parts[2].Trim() : null);
    }

    static string? CheckBlob(ReadOnlySpan<byte> blob, string type, string[] layout)
    {
        if (!TryReadString(ref blob, out var embedded))
            return "it ends early";
        if (Encoding.ASCII.GetString(embedded) != type)
            return $"its blob says '{Untrusted.Printable(Encoding.ASCII.GetString(embedded), 40)}'";
        foreach (var field in layout)
        {
            if (!TryReadString(ref blob, out var value) || value.Length == 0)
                return "it ends early";
            if (field == "key32" && value.Length != 32)
                return "its ed25519 key is not 32 bytes";
            if (field.StartsWith("curve:", StringComparison.Ordinal) && Encoding.ASCII.GetString(value) != field[6..])
                return "its curve does not match its type";
        }
        return blob.IsEmpty ? null : "it has trailing bytes";
    }

    static bool TryReadString(ref ReadOnlySpan<byte> blob, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (blob.Length < 4)
            return false;
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > blob.Length - 4)
            return false;
        value = blob.Slice(4, (int)length);
        blob = blob[(4 + (int)length)..];
        return true;
    }

    static SshPublicKey? Fail(string reason, out string error)
    {
        error = reason;
        return null;
    }
}
