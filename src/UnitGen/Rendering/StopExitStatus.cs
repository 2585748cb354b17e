using System.Globalization;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// `docker run` exits 128+N when `docker stop` ends the app with signal N. That is a clean stop,
/// so it is listed in SuccessExitStatus; otherwise every stopped release would show as failed.
/// </summary>
static class StopExitStatus
{
    static readonly string[] LinuxSignals =
    [
        "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM",
        "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "IO", "PWR", "SYS",
    ];

    const int SigTerm = 15;
    const int SigRtMin = 34;
    const int SigRtMax = 64;

    public static string For(string? stopSignal)
    {
        var codes = new SortedSet<int> { 128 + SigTerm };
        if (Number(stopSignal) is { } n)
            codes.Add(128 + n);
        return string.Join(' ', codes);
    }

    static int? Number(string? signal)
    {
        if (string.IsNullOrEmpty(signal))
            return null;
        if (int.TryParse(signal, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return number is > 0 and <= 64 ? number : null;
        var name = signal.ToUpperInvariant();
        name = name.StartsWith("SIG", StringComparison.Ordinal) ? name[3..] : name;
        if (name.StartsWith("RTMIN+", StringComparison.Ordinal) && int.TryParse(name[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var plus))
            return SigRtMin + plus <= SigRtMax ? SigRtMin + plus : null;
        if (name.StartsWith("RTMAX-", StringComparison.Ordinal) && int.TryParse(name[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var minus))
            return SigRtMax - minus >= SigRtMin ? SigRtMax - minus : null;
        var index = Array.IndexOf(LinuxSignals, name);
        return index < 0 ? null : index + 1;
    }
}
