using System.Security.Cryptography;

namespace Nap.Deployer.AppConfig;

/// <summary>Generated passwords with upper, lower, digit and symbol characters, at least one of each.</summary>
public static class Password
{
    const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    const string Lower = "abcdefghijkmnopqrstuvwxyz";
    const string Digits = "23456789";
    // No quote, backslash, '$' or space: the value must survive shells and config files unquoted.
    const string Symbols = "!#%+,-.:=@^_~";

    public static string Generate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 4);
        var all = Upper + Lower + Digits + Symbols;
        var chars = new[] { Upper, Lower, Digits, Symbols }
            .Select(set => set[RandomNumberGenerator.GetInt32(set.Length)])
            .Concat(Enumerable.Range(0, length - 4).Select(_ => all[RandomNumberGenerator.GetInt32(all.Length)]))
            .ToArray();
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
