using System.Globalization;
using System.Text.RegularExpressions;

namespace Nap.UnitGen.Parsing.Evaluation;

/// <summary>What STOPSIGNAL accepts on Linux (moby's signal.ParseSignal): a name with or without SIG, RTMIN+n, RTMAX-n, or 1-64.</summary>
internal static partial class Signals
{
    private static readonly HashSet<string> Names =
    [
        "ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP", "ILL", "INT", "IO", "IOT", "KILL",
        "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS", "TERM", "TRAP", "TSTP",
        "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ", "RTMIN", "RTMAX",
    ];

    [GeneratedRegex(@"^RT(MIN\+([1-9]|1[0-5])|MAX-([1-9]|1[0-4]))$", RegexOptions.CultureInvariant)]
    private static partial Regex RealTimePattern();

    public static bool IsValid(string signal)
    {
        if (signal.Length > 0 && signal.All(char.IsAsciiDigit))
            return int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 64;

        var name = signal.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal))
            name = name[3..];
        return Names.Contains(name) || RealTimePattern().IsMatch(name);
    }
}
