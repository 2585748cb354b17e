using System.Net.Sockets;
using System.Net;

namespace Nap.Deployer.Health;

/// <summary>One TCP connect and one HTTP GET / against 127.0.0.1:PORT.</summary>
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
    public async Task<HealthResult> ProbeAsync(int port, CancellationToken ct)
    {
        using (var tcp = new TcpClient())
        {
            try
            {
                await tcp.ConnectAsync(IPAddress.Loopback, port, ct);
            }
            catch (SocketException e)
            {
                return HealthResult.Fail($"nothing accepts connections on 127.0.0.1:{port} ({e.SocketErrorCode})");
            }
        }

        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/");
            request.Headers.ConnectionClose = true;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var code = (int)response.StatusCode;
            return code < 500
                ? HealthResult.Pass($"GET / answered {code}")
                : HealthResult.Fail($"GET / answered {code}");
        }
        catch (HttpRequestException e)
        {
            return HealthResult.Fail($"GET / on 127.0.0.1:{port} failed: {e.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"GET / on 127.0.0.1:{port} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    public void Dispose() => http.Dispose();
}
