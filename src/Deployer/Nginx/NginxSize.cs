using System.Globalization;

namespace Nap.Deployer.Nginx;

/// <summary>nginx's size syntax as napd accepts it: 1 to 4 digits and k, m or g, at most 10g.</summary>
public static class NginxSize
{
    const long Max = 10L << 30;

    public static string? Validate(string size) =>
        size.Length is >= 2 and <= 5 && size[..^1].All(char.IsAsciiDigit) && Bytes(size) is > 0 and <= Max
            ? null
            : $"'{Nap.Protocol.Untrusted.Printable(size)}' is not a size from 1k to 10g (such as 512k, 100m or 2g)";

    static long Bytes(string size) =>
        long.Parse(size[..^1], CultureInfo.InvariantCulture) * (char.ToLowerInvariant(size[^1]) switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 0 });
}
