using System.Net.Sockets;
using System.Net;

namespace Nap.Deployer.Health;

/// <summary>One TCP connect and one HTTP GET / against 127.0.0.1:PORT, or on a cluster a task's NODE_ADDR:PORT.</summary>
public sealed class HttpProbe : IDisposable
{
    readonly HttpClient http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        ConnectTimeout = TimeSpan.FromSeconds(1),
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    /// <returns>A passing result for any answer below 500; else what went wrong, to be retried.</returns>
    public Task<HealthResult> ProbeAsync(int port, CancellationToken ct) => ProbeAsync(new IPEndPoint(IPAddress.Loopback, port), ct);

    public async Task<HealthResult> ProbeAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        using (var tcp = new TcpClient(endpoint.AddressFamily))
        {
            try
            {
                await tcp.ConnectAsync(endpoint, ct);
            }
            catch (SocketException e)
            {
                return HealthResult.Fail($"nothing accepts connections on {endpoint} ({e.SocketErrorCode})");
            }
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{endpoint}/");
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return code < 500
                ? HealthResult.Pass($"GET / answered {code}")
                : HealthResult.Fail($"GET / answered {code}");
        }
        catch (HttpRequestException e)
        {
            return HealthResult.Fail($"GET / on {endpoint} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"GET / on {endpoint} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => http.Dispose();
}
