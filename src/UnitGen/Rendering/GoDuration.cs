using System.Globalization;
using System.Text;

namespace Nap.UnitGen.Rendering;

/// <summary>Durations the way docker's flags read them (Go's time.ParseDuration): 1m30s, 500ms.</summary>
static class GoDuration
{
    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
            return "0s";
        var text = new StringBuilder();
        if (span.Days * 24 + span.Hours > 0)
            text.Append((span.Days * 24 + span.Hours).ToString(CultureInfo.InvariantCulture)).Append('h');
        if (span.Minutes > 0)
            text.Append(span.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        if (span.Seconds > 0)
            text.Append(span.Seconds.ToString(CultureInfo.InvariantCulture)).Append('s');
        var micros = span.Ticks % TimeSpan.TicksPerSecond / 10;
        if (micros > 0)
            text.Append(micros % 1000 == 0
                ? (micros / 1000).ToString(CultureInfo.InvariantCulture) + "ms"
                : micros.ToString(CultureInfo.InvariantCulture) + "us");
        return text.ToString();
    }
}
