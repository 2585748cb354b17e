using System.Globalization;
using System.Text;
using Nap.Protocol;

namespace Nap.Deployer.Nginx;

/// <summary>
/// Renders an app's nginx file. Every value in it is a validated app name, a port or a validated
/// host name, so nothing the pusher controls can add a directive.
/// </summary>
public static class NginxConf
{
    public static string FileName(string app) => $"nap-{app}.conf";

    /// <summary>Port <paramref name="tlsPort"/>'s default server, in a file no app can have ("0-tls-default" is no app name).</summary>
    public const string TlsDefaultFileName = "nap-0-tls-default.conf";

    /// <summary>
    /// Without it, a TLS name no app's certificate covers is answered with the first app's certificate, which
    /// names that app's domains to anyone who asks. Its handshake is refused instead (nginx 1.19.4 and later).
    /// </summary>
    public static string TlsDefault(int tlsPort) => $$"""
        # written by napd: on port {{tlsPort.ToString(CultureInfo.InvariantCulture)}}, TLS names no app's certificate covers get their handshake refused.
        # For another default server on this port, delete this file: nginx -t then refuses it beside yours, and napd leaves it out.
        server {
            listen {{tlsPort.ToString(CultureInfo.InvariantCulture)}} ssl default_server;
            ssl_reject_handshake on;
        }

        """;

    public static string Render(NginxSite site)
    {
        if (AppSlot.Validate(site.App) is { } bad)
            throw new ArgumentException(bad, nameof(site));
        if (site.Upstreams.Count == 0 && site.Tasks.Count == 0)
            throw new ArgumentException("an nginx site needs at least one upstream port", nameof(site));
        foreach (var domain in site.Domains)
            if (DomainName.Validate(domain) is { } reason)
                throw new ArgumentException(reason, nameof(site));
        if (site.Tls is { } given && new[] { given.ChainPath, given.KeyPath, given.Fingerprint }.Any(v => !IsWord(v)))
            throw new ArgumentException("a certificate path or fingerprint would not be one nginx word", nameof(site));
        if (site.HooksSocket is { } hooksSocket && !IsWord(hooksSocket))
            throw new ArgumentException("the hooks socket would not be one nginx word", nameof(site));
        if (site.AcmeChallengeRoot is { } challengeRoot && !IsWord(challengeRoot))
            throw new ArgumentException("the ACME challenge directory would not be one nginx word", nameof(site));

        if (NginxSize.Validate(site.BodyLimit) is { } size)
            throw new ArgumentException(size, nameof(site));

        var upstream = "nap-" + site.App;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {site.App}: written by napd on every release; edits are lost.\n");
        if (site.Tls is { } certificate)
            text.Append(CultureInfo.InvariantCulture, $"# certificate sha256 {certificate.Fingerprint}\n");
        if (site.HooksSocket is not null && site.Domains.Count > 0)
            text.Append(HooksZoneLine(HooksZone(site.App), "64k"));
        text.Append(CultureInfo.InvariantCulture, $"upstream {upstream} {{\n");
        foreach (var port in site.Upstreams)
            text.Append(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{port} max_fails=0;\n");
        // IPEndPoint prints an address and a port only (IPv6 in brackets): nothing the pusher chose.
        foreach (var task in site.Tasks)
            text.Append(CultureInfo.InvariantCulture, $"    server {task} max_fails=1 fail_timeout=5s;\n");
        text.Append("    keepalive 16;\n}\n\n");
        var proxy = ProxyLocation(upstream, cluster: site.Tasks.Count > 0);
        var body = $"    client_max_body_size {site.BodyLimit};\n";
        AppendServer(text, site.ListenPort.ToString(CultureInfo.InvariantCulture), "_", body, proxy);
        if (site.Domains.Count > 0)
        {
            var names = string.Join(' ', site.Domains);
            // http on port 80 keeps serving beside https (README, "TLS") unless the app asked for the redirect
            // (certs:auto --redirect): a certificate of the admin's own may not cover every domain.
            var http = site.RedirectToHttps && site.Tls is not null ? RedirectLocation : proxy;
            // A forge may be given the app's own domain for its webhook (http://DOMAIN/nap/hooks/APP), https included.
            var hooks = site.HooksSocket is { } socket ? HooksLocation(socket, HooksZone(site.App)) : "";
            AppendServer(text, site.DomainPort.ToString(CultureInfo.InvariantCulture), names, body,
                hooks + (site.AcmeChallengeRoot is { } root ? ChallengeLocation(root) + http : http));
            if (site.Tls is { } tls)
                AppendServer(text, site.TlsPort.ToString(CultureInfo.InvariantCulture) + " ssl", names, body, hooks + proxy,
                    $"    ssl_certificate {tls.ChainPath};\n    ssl_certificate_key {tls.KeyPath};\n");
        }
        return text.ToString();
    }

    static bool IsWord(string value) => !value.Any(c => char.IsWhiteSpace(c) || c is ';' or '{' or '}' or '"' or '\'' or '$' or '#');

    static void AppendServer(StringBuilder text, string listen, string names, string body, string locations, string tls = "") =>
        text.Append("server {\n")
            .Append(CultureInfo.InvariantCulture, $"    listen {listen};\n")
            .Append(CultureInfo.InvariantCulture, $"    server_name {names};\n")
            .Append(tls)
            .Append(body)
            .Append(locations)
            .Append("}\n\n");

    // keepalive to the upstream needs HTTP/1.1 and an empty Connection header. On a cluster a task may sit on a node
    // that is gone: a connect gives up after 1 s and the request, or one a dying task answered 502-504, goes to the next.
    static string ProxyLocation(string upstream, bool cluster) => $$"""
            location / {
                proxy_pass http://{{upstream}};
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $http_host;
                proxy_set_header X-Real-IP $remote_addr;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_next_upstream error timeout{{(cluster ? " http_502 http_503 http_504;\n        proxy_connect_timeout 1s" : "")}};
            }

        """;

    /// <summary>The file of the server that takes the forges' webhooks on the host's own address (port 80).</summary>
    public const string HooksFileName = "nap-0-hooks.conf";

    /// <summary>
    /// Port 80 for the host's address: webhooks go to napd's hooks socket, anything else is 404. A request by the
    /// address's name comes here rather than to the distribution's default site (an exact server_name wins).
    /// </summary>
    public static string HooksServer(string address, string socket, int port = 80)
    {
        if (!IsWord(address) || address.Length == 0 || !IsWord(socket))
            throw new ArgumentException("the host's address or the hooks socket would not be one nginx word");
        return $$"""
            # written by napd on its start: the forges' webhooks (ssh nap@HOST hooks:add) at http://{{address}}/nap/hooks/APP.
            {{HooksZoneLine(HostHooksZone, "1m")}}server {
                listen {{port.ToString(CultureInfo.InvariantCulture)}};
                server_name {{address}};
            {{HooksLocation(socket, HostHooksZone)}}    location / {
                    return 404;
                }
            }

            """;
    }

    /// <summary>
    /// Webhooks per second from one client address, past a burst: a real forge sends one per push, so only a flood
    /// meets the limit, and it is answered 429 by nginx before napd spends an HMAC on it or a line in its log. The
    /// zone is per client address, so one address's flood leaves a forge on another address unhindered.
    /// </summary>
    public const int HooksPerSecond = 5;

    public const int HooksBurst = 20;

    const string HostHooksZone = "nap_hooks";

    // An app file has its own zone (limit_req_zone may be declared once per name): a file never depends on another's.
    static string HooksZone(string app) => "nap_hooks_" + app;

    static string HooksZoneLine(string zone, string size) =>
        $"limit_req_zone $binary_remote_addr zone={zone}:{size} rate={HooksPerSecond.ToString(CultureInfo.InvariantCulture)}r/s;\n";

    /// <summary>The header nginx sets when it refused a webhook's body as too large, so napd records the delivery.</summary>
    public const string BodyTooLargeHeader = "X-Nap-Body-Too-Large";

    /// <summary>
    /// To napd's hooks socket, at most 1 MB of body (napd's Kestrel refuses more too); the forge's headers pass as
    /// they are, the signature among them. The location is an exact prefix (^~): no app's regex location takes it.
    /// A body over the limit is not passed on, but its headers are, marked, so the delivery log shows the 413 too;
    /// the mark a client sends itself is dropped on the way. While no app has a hook napd has no hooks socket (its
    /// Kestrel starts with the first hook): nginx's 502 for the missing socket becomes a 503 that says so.
    /// </summary>
    static string HooksLocation(string socket, string zone) => $$"""
            location ^~ /nap/hooks/ {
                client_max_body_size 1m;
                limit_req zone={{zone}} burst={{HooksBurst}} nodelay;
                limit_req_status 429;
                error_page 413 = @nap_hooks_too_large;
                error_page 502 = @nap_hooks_off;
                proxy_pass http://unix:{{socket}}:;
                proxy_set_header {{BodyTooLargeHeader}} "";
        {{HooksProxyHeaders}}    }

            location @nap_hooks_too_large {
                proxy_pass http://unix:{{socket}}:;
                recursive_error_pages on;
                error_page 502 = @nap_hooks_off;
                proxy_pass_request_body off;
                proxy_set_header Content-Length "";
                proxy_set_header {{BodyTooLargeHeader}} 1;
        {{HooksProxyHeaders}}    }

            location @nap_hooks_off {
                default_type text/plain;
                return 503 "{{HooksOffText}}\n";
            }

        """;

    /// <summary>nginx's answer to a webhook while napd serves none.</summary>
    public const string HooksOffText = "no webhook here: napd serves webhooks once an app has one (hooks:add), or napd is not running";

    const string HooksProxyHeaders = """
                proxy_http_version 1.1;
                proxy_set_header Connection "";
                proxy_set_header Host $http_host;
                proxy_set_header X-Real-IP $remote_addr;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_read_timeout 30s;

        """;

    /// <summary>ACME HTTP-01: the files the ACME client writes and removes. ^~ wins over every regex location.</summary>
    static string ChallengeLocation(string root) => $$"""
            location ^~ /.well-known/acme-challenge/ {
                root {{root}};
                default_type text/plain;
                try_files $uri =404;
            }

        """;

    // $host is one of server_name's names: nginx chose this server by it.
    const string RedirectLocation = """
            location / {
                return 301 https://$host$request_uri;
            }

        """;
}
