using System.Globalization;

namespace Nap.Deployer.Apps;

/// <summary>
/// Container limits from `resources:set`, in docker's syntax (memory=256M, cpus=0.5); null memory = napd's default
/// (limits.memoryMegabytes), null cpus = unlimited.
/// </summary>
public sealed record AppResources(string? Memory = null, string? Cpus = null)
{
    public static AppResources None { get; } = new();

    public AppResources WithMemory(string? memory) => this with { Memory = memory };
    public AppResources WithCpus(string? cpus) => this with { Cpus = cpus };

    /// <summary>docker's reading of a memory value: a number with an optional b, k, m or g (powers of 1024).</summary>
    public static decimal Bytes(string memory)
    {
        var unit = char.ToLowerInvariant(memory[^1]);
        var digits = char.IsAsciiDigit(unit) ? memory : memory[..^1];
        var shift = unit switch { 'k' => 10, 'm' => 20, 'g' => 30, _ => 0 };
        return decimal.Parse(digits, CultureInfo.InvariantCulture) * (1L << shift);
    }
}
