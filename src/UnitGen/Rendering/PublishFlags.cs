using Nap.UnitGen.Systemd;

namespace Nap.UnitGen.Rendering;

/// <summary>docker run -p: the host's choice of ports, or every EXPOSE on its own number.</summary>
static class PublishFlags
{
    static readonly string[] Protocols = ["tcp", "udp", "sctp"];

    public static IEnumerable<ExecArg> For(UnitPlan plan) =>
        Specs(plan).SelectMany(spec => new[] { (ExecArg)"-p", spec });

    static IEnumerable<ExecArg> Specs(UnitPlan plan)
    {
        if (plan.Options.Publish.Count > 0)
            return plan.Options.Publish.Select(Format);
        // Two releases of a template run at once, so each gets its own loopback port and nginx fronts them.
        if (plan.Template)
            return [Format(new PortMapping(null, plan.WebPort, HostIp: "127.0.0.1"))];
        return Ranges(plan.Image.Ports.Select(p => (p.Port, p.Protocol)));
    }

    public static void Check(PortMapping port, bool template)
    {
        if (port.HostPort is null && !template)
            throw new RenderException($"port {port.ContainerPort} has no host port: give one (HOSTPORT:{port.ContainerPort}) or render a template, which takes it from NAP_PORT");
        if (port.HostPort is < 1 or > 65535 || port.ContainerPort is < 1 or > 65535)
            throw new RenderException($"port {port.HostPort}:{port.ContainerPort} is out of range: use 1 to 65535");
        if (!Protocols.Contains(port.Protocol))
            throw new RenderException($"protocol '{port.Protocol}' is not one docker publishes: use tcp, udp or sctp");
        if (port.HostIp is { } ip && !System.Net.IPAddress.TryParse(ip, out _))
            throw new RenderException($"'{ip}' is not an IP address to publish on");
    }

    static ExecArg Format(PortMapping m)
    {
        var ip = m.HostIp is null ? "" : m.HostIp.Contains(':') ? $"[{m.HostIp}]:" : $"{m.HostIp}:";
        var proto = m.Protocol == "tcp" ? "" : "/" + m.Protocol;
        return m.HostPort is null
            ? ExecArg.Template($"{ip}${{NAP_PORT}}:{m.ContainerPort}{proto}")
            : $"{ip}{m.HostPort}:{m.ContainerPort}{proto}";
    }

    /// <summary>EXPOSE 8000-8999 stays one -p 8000-8999:8000-8999, not a thousand.</summary>
    static IEnumerable<ExecArg> Ranges(IEnumerable<(int Port, string Protocol)> ports)
    {
        var runs = new List<(int First, int Last, string Protocol)>();
        foreach (var (port, protocol) in ports.Distinct())
        {
            if (runs.Count > 0 && runs[^1].Protocol == protocol && runs[^1].Last + 1 == port)
                runs[^1] = runs[^1] with { Last = port };
            else
                runs.Add((port, port, protocol));
        }
        foreach (var (first, last, protocol) in runs)
        {
            var span = first == last ? $"{first}" : $"{first}-{last}";
            yield return $"{span}:{span}{(protocol == "tcp" ? "" : "/" + protocol)}";
        }
    }
}
