using System.Globalization;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// docker's readings of --memory and --cpus (go-units RAMInBytes, opts.ParseCPUs in docker/cli) into the engine's
/// units, and back into words its CLI reads the same way.
/// </summary>
static partial class DockerUnits
{
    [GeneratedRegex("^([0-9]{1,15})(\\.[0-9]{1,9})?([bkmgtBKMGT])?$")]
    private static partial Regex SizePattern();

    [GeneratedRegex("^[0-9]{1,6}(\\.[0-9]{1,9})?$")]
    private static partial Regex CpusPattern();

    static readonly string Units = "bkmgt";

    /// <summary>"512m" → 536870912: powers of 1024, as docker run --memory reads it.</summary>
    public static long Bytes(string memory)
    {
        var match = SizePattern().Match(memory);
        if (!match.Success)
            throw new RenderException($"memory '{Nap.Protocol.Untrusted.Printable(memory)}' is not a size docker reads: a number with b, k, m, g or t, e.g. 512m");
        var unit = match.Groups[3].Success ? Units.IndexOf(char.ToLowerInvariant(match.Groups[3].Value[0])) : 0;
        var bytes = decimal.Truncate(decimal.Parse(match.Groups[1].Value + match.Groups[2].Value, CultureInfo.InvariantCulture) * (1L << (10 * unit)));
        return bytes <= long.MaxValue
            ? (long)bytes
            : throw new RenderException($"memory '{memory}' is more than docker can limit: give a smaller size, e.g. 512m or 2g");
    }

    /// <summary>"1.5" → 1500000000 billionths of a CPU.</summary>
    public static long NanoCpus(string cpus) =>
        CpusPattern().IsMatch(cpus)
            ? (long)(decimal.Parse(cpus, CultureInfo.InvariantCulture) * 1_000_000_000m)
            : throw new RenderException($"cpus '{Nap.Protocol.Untrusted.Printable(cpus)}' is not a number of CPUs: e.g. 0.5 or 2");

    /// <summary>536870912 → "512m": the largest unit that divides it.</summary>
    public static string Size(long bytes)
    {
        var unit = 0;
        while (unit < Units.Length - 1 && bytes != 0 && bytes % (1L << (10 * (unit + 1))) == 0)
            unit++;
        return (bytes >> (10 * unit)).ToString(CultureInfo.InvariantCulture) + (unit == 0 ? "" : Units[unit].ToString());
    }

    /// <summary>1500000000 → "1.5".</summary>
    public static string Cpus(long nano) => (nano / 1_000_000_000m).ToString("0.#########", CultureInfo.InvariantCulture);
}
