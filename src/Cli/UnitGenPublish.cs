using System.Globalization;
using Nap.Protocol;
using Nap.UnitGen.Rendering;

namespace Nap.Cli;

/// <summary>Reads --publish the way docker run -p writes it: [IP:]HOSTPORT:CONTAINERPORT[/PROTO].</summary>
static class UnitGenPublish
{
    public static PortMapping Parse(string spec)
    {
        var (ports, protocol) = spec.LastIndexOf('/') is >= 0 and var slash ? (spec[..slash], spec[(slash + 1)..]) : (spec, "tcp");
        var container = ports.LastIndexOf(':');
        var host = container > 0 ? ports.LastIndexOf(':', container - 1) : -1;
        if (container <= 0)
            throw Invalid(spec);
        var ip = host >= 0 ? ports[..host].Trim('[', ']') : null;
        return new PortMapping(Port(ports[(host + 1)..container], spec), Port(ports[(container + 1)..], spec), protocol, ip);
    }

    static int Port(string text, string spec) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : throw Invalid(spec);

    static FormatException Invalid(string spec) =>
        new($"--publish '{Untrusted.Printable(spec)}' is not [IP:]HOSTPORT:CONTAINERPORT[/PROTO], e.g. 80:8080 or 127.0.0.1:5353:53/udp");
}
