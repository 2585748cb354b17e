using System.Globalization;
using Nap.Deployer.Settings;

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

    /// <summary>docker's --memory for the app's containers: its own within the host's ceiling, else the host's default.</summary>
    public string? MemoryUnder(TenantLimits limits) => Memory switch
    {
        null => limits.MemoryMegabytes == 0 ? null : $"{limits.MemoryMegabytes}m",
        var own when AboveCeiling(own, limits) => $"{limits.MemoryMaxMegabytes}m",
        var own => own,
    };

    /// <summary>More than limits.memoryMaxMegabytes allows one container (never, with no ceiling).</summary>
    public static bool AboveCeiling(string memory, TenantLimits limits) =>
        limits.MemoryMaxMegabytes != 0 && Bytes(memory) > (long)limits.MemoryMaxMegabytes << 20;

    /// <summary>docker's reading of a memory value: a number with an optional b, k, m or g (powers of 1024).</summary>
    public static decimal Bytes(string memory)
    {
        var unit = char.ToLowerInvariant(memory[^1]);
        var digits = char.IsAsciiDigit(unit) ? memory : memory[..^1];
        var shift = unit switch { 'k' => 10, 'm' => 20, 'g' => 30, _ => 0 };
        return decimal.Parse(digits, CultureInfo.InvariantCulture) * (1L << shift);
    }
}
