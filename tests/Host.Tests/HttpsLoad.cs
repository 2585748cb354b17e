using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Nap.Host.Tests;

/// <summary>
/// Keeps <c>connections</c> keep-alive connections busy with GET https://DOMAIN/ against the host (SNI and Host are the
/// domain; the address is the host's), trusting only the given root, and counts what came back and which
/// certificates the server presented, until <see cref="StopAsync"/>.
/// </summary>
public sealed class HttpsLoad
{
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentDictionary<string, int> failures = new();
    readonly ConcurrentDictionary<string, byte> presented = new();
    readonly List<Task> workers = [];
    int succeeded;

    HttpsLoad(string domain, string address, X509Certificate2 root, int connections)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(IPAddress.Parse(address), 443, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, cert, chain, errors) =>
                (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0 && Trusted(cert, chain, root) },
        };
        var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < connections; i++)
            workers.Add(Task.Run(() => LoopAsync(client, new Uri($"https://{domain}/"))));
    }

    public static HttpsLoad Start(string domain, string address, string rootFile, int connections = 8) =>
        new(domain, address, X509Certificate2.CreateFromPem(File.ReadAllText(rootFile)), connections);

    public int Succeeded => succeeded;

    /// <summary>The SHA-256 fingerprints (AB:CD:...) of every certificate the server presented.</summary>
    public IReadOnlyCollection<string> Presented => [.. presented.Keys];

    /// <summary>Stops sending, lets the requests in flight finish, and returns the failures by reason.</summary>
    public async Task<IReadOnlyDictionary<string, int>> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return failures;
    }

    async Task LoopAsync(HttpClient client, Uri url)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync(url, CancellationToken.None);
                await response.Content.ReadAsStringAsync(CancellationToken.None);
                if (response.IsSuccessStatusCode)
                    Interlocked.Increment(ref succeeded);
                else
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.AddOrUpdate(e.InnerException?.Message ?? e.Message, 1, (_, n) => n + 1);
            }
        }
    }

    bool Trusted(X509Certificate? presentedCert, X509Chain? sent, X509Certificate2 root)
    {
        if (presentedCert is null)
            return false;
        var leaf = X509CertificateLoader.LoadCertificate(presentedCert.GetRawCertData());
        presented.TryAdd(string.Join(':', leaf.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))), 0);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        // The intermediates nginx sent with the certificate (chain.pem holds them).
        if (sent is not null)
            chain.ChainPolicy.ExtraStore.AddRange(sent.ChainPolicy.ExtraStore);
        return chain.Build(leaf);
    }
}
