using System.Net;

namespace Nap.Deployer.Nginx;

/// <summary>
/// An app's front door: nginx listens on the app's stable port (and on port 80 for its domains)
/// and forwards to the release instances on 127.0.0.1.
/// </summary>
public sealed record NginxSite(string App, int ListenPort, IReadOnlyList<int> Upstreams)
{
    public IReadOnlyList<string> Domains { get; init; } = [];

    /// <summary>Where the domains are served (80 on a real host).</summary>
    public int DomainPort { get; init; } = 80;

    /// <summary>The app's certificate: with it (and domains) nginx also serves the domains over https.</summary>
    public NginxTls? Tls { get; init; }

    /// <summary>Where the domains are served over https (443 on a real host).</summary>
    public int TlsPort { get; init; } = 443;

    /// <summary>The directory whose .well-known/acme-challenge/ port 80 serves for the domains (ACME HTTP-01); null for none.</summary>
    public string? AcmeChallengeRoot { get; init; }

    /// <summary>napd's hooks socket: the domains' servers pass /nap/hooks/ to it; null for none.</summary>
    public string? HooksSocket { get; init; }

    public NginxSite WithHooksSocket(string? socket) => this with { HooksSocket = socket };

    /// <summary>With a certificate, port 80 answers the domains with a 301 to https (the challenge path excepted).</summary>
    public bool RedirectToHttps { get; init; }

    /// <summary>client_max_body_size: the largest request body passed on (nginx's size syntax, e.g. "64m").</summary>
    public string BodyLimit { get; init; } = "1m";

    public NginxSite WithBodyLimit(string size) => this with { BodyLimit = size };

    public NginxSite WithUpstreams(params IReadOnlyList<int> ports) => this with { Upstreams = ports, Tasks = [] };

    /// <summary>
    /// On a cluster: the release's Swarm tasks at NODE_ADDR:PUBLISHED_PORT, in place of <see cref="Upstreams"/>. A task
    /// that fails once is left alone for 5 s and the request goes to the next one, so a lost node costs no request.
    /// </summary>
    public IReadOnlyList<IPEndPoint> Tasks { get; init; } = [];

    public NginxSite WithTasks(IReadOnlyList<IPEndPoint> tasks) => this with { Tasks = tasks, Upstreams = [] };

    public NginxSite WithDomains(IReadOnlyList<string> domains) => this with { Domains = domains };

    public NginxSite WithDomainPort(int port) => this with { DomainPort = port };

    public NginxSite WithTls(NginxTls? tls) => this with { Tls = tls };

    public NginxSite WithTlsPort(int port) => this with { TlsPort = port };

    public NginxSite WithAcmeChallenge(string? root) => this with { AcmeChallengeRoot = root };

    public NginxSite WithRedirectToHttps(bool redirect) => this with { RedirectToHttps = redirect };
}
