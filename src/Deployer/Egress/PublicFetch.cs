using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Nap.Deployer.Egress;

/// <summary>
/// Fetches a URL on a build's behalf from the public internet only. The check is made on the socket itself:
/// <see cref="SocketsHttpHandler.ConnectCallback"/> resolves the host, refuses it when any of its addresses is one
/// <see cref="AddressRules"/> refuses, and connects to the checked addresses themselves, so no second resolution (a
/// name rebound to 127.0.0.1 meanwhile) can lead elsewhere. Every connection goes through it, each redirect's too
/// (followed here, hop by hop), and no proxy is used (it would be the address checked, not the server).
/// </summary>
public sealed class PublicFetch : IDisposable
{
    /// <summary>Go's http client's limit, which buildkit's fetch of ADD URLs has.</summary>
    public const int MaxRedirects = 10;

    readonly HttpClient client;
    readonly IReadOnlySet<string> privateHosts;
    readonly Func<LocalNetworks> local;
    readonly Func<string, CancellationToken, Task<IPAddress[]>> resolve;

    /// <param name="privateHosts">Host names (as written in URLs) whose private addresses a fetch may connect to: napd.json's addPrivateHosts.</param>
    /// <param name="local">The host's own addresses and bridges, read again for each connection; default: this host's interfaces.</param>
    /// <param name="resolve">Name resolution; default: the system's (getaddrinfo: /etc/hosts, then DNS).</param>
    public PublicFetch(IEnumerable<string> privateHosts, Func<LocalNetworks>? local = null, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null)
    {
        this.privateHosts = privateHosts.Select(h => h.ToLowerInvariant()).ToHashSet();
        this.local = local ?? LocalNetworks.OfThisHost;
        this.resolve = resolve ?? Dns.GetHostAddressesAsync;
        client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = ConnectAsync,
            UseProxy = false,
            AllowAutoRedirect = false,
            // Go's transport asks for gzip and decodes it, so buildkit stores (and checksums) the decoded file.
            AutomaticDecompression = DecompressionMethods.GZip,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("nap", "1"));
    }

    /// <summary>What the server said about the file besides its bytes.</summary>
    public sealed record Fetched(Uri Url, long Length, DateTimeOffset? LastModified);

    /// <summary>GETs <paramref name="url"/> into <paramref name="destination"/>, following redirects.</summary>
    /// <exception cref="EgressRefusedException">A hop led to an address that is not on the public internet.</exception>
    /// <exception cref="FetchFailedException">DNS, connection, TLS, too many redirects, or an answer other than 2xx.</exception>
    public async Task<Fetched> FetchAsync(Uri url, Stream destination, CancellationToken ct)
    {
        for (var hop = 0; ; hop++)
        {
            if (url.Scheme is not ("http" or "https"))
                throw new FetchFailedException($"{Shown(url)} is not an http or https URL");
            using var response = await SendAsync(url, hop, ct);
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop == MaxRedirects)
                    throw new FetchFailedException($"{Shown(url)} redirects more than {MaxRedirects} times");
                url = new Uri(url, location);
                continue;
            }
            if (!response.IsSuccessStatusCode)
                throw new FetchFailedException($"{Shown(url)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            var before = destination.Position;
            await body.CopyToAsync(destination, ct);
            return new Fetched(url, destination.Position - before, response.Content.Headers.LastModified);
        }
    }

    /// <summary>
    /// Sends <paramref name="request"/> as it is (a forge's commit status), to the public internet only, as
    /// <see cref="FetchAsync"/> fetches; no redirect is followed.
    /// </summary>
    /// <exception cref="EgressRefusedException">The host is not on the public internet (napd.json's addPrivateHosts can allow it).</exception>
    /// <exception cref="FetchFailedException">DNS, connection or TLS failed.</exception>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refused)
        {
            throw refused;
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException($"{Shown(request.RequestUri!)} could not be reached: {Reason(e)}", e);
        }
    }

    async Task<HttpResponseMessage> SendAsync(Uri url, int hop, CancellationToken ct)
    {
        try
        {
            return await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException e) when (Refusal(e) is { } refused)
        {
            throw hop == 0 ? refused : new EgressRefusedException($"it redirects to {Shown(url)}, where {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new FetchFailedException($"{Shown(url)} could not be fetched: {Reason(e)}", e);
        }
    }

    async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var isLiteral = IPAddress.TryParse(host, out var literal);
        var addresses = isLiteral ? [literal!] : await resolve(host, ct);
        var networks = local();
        var allowPrivate = privateHosts.Contains(host.ToLowerInvariant());
        foreach (var address in addresses)
        {
            if (AddressRules.Refusal(address, allowPrivate, networks) is { } why)
                throw new EgressRefusedException(isLiteral ? $"{host} is {why}" : $"{host} resolves to {address}, {why}");
        }
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
                // The address connected to is the one checked above: nothing resolved the name in between.
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                last = e;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    static EgressRefusedException? Refusal(Exception e) => e as EgressRefusedException ?? (e.InnerException is { } inner ? Refusal(inner) : null);

    static string Reason(HttpRequestException e) =>
        (e.InnerException is SocketException s ? $"{s.SocketErrorCode}: {s.Message}" : e.InnerException?.Message ?? e.Message).ReplaceLineEndings(" ");

    static string Shown(Uri url) => Nap.Protocol.Untrusted.Printable(url.ToString(), 200);

    public void Dispose() => client.Dispose();
}
