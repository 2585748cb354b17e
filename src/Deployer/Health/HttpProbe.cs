using System.Net.Sockets;
using System.Net;
using Nap.Protocol;

namespace Nap.Deployer.Health;

/// <summary>
/// One TCP connect and one HTTP GET / against 127.0.0.1:PORT, or on a cluster a task's NODE_ADDR:PORT; or one attempt
/// of an app.json startup check there.
/// </summary>
public sealed class HttpProbe : IDisposable
{
    // A check's body is the app's: read no more of it than this when looking for its content.
    const int MaxBodyBytes = 1 << 20;

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
                return HealthResult.Fail($"nothing accepts connections on {endpoint} ({e.SocketErrorCode})") with { NoAnswer = true };
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
            return HealthResult.Fail($"GET / on {endpoint} failed: {e.Message}") with { NoAnswer = true };
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"GET / on {endpoint} did not answer within {http.Timeout.TotalSeconds:0} s");
        }
    }

    // Each check attempt brings its own timeout (app.json's), so this client has none of its own.
    readonly HttpClient checks = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.Zero,
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <returns>A pass for a 2xx answer that holds the check's content (when it names one), as Dokku's checks judge.</returns>
    public async Task<HealthResult> CheckAsync(IPEndPoint endpoint, StartupCheck check, CancellationToken ct)
    {
        var what = $"GET {check.Path}";
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(TimeSpan.FromSeconds(check.TimeoutSeconds));
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{endpoint}{check.Path}");
            request.Headers.ConnectionClose = true;
            using var response = await checks.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var code = (int)response.StatusCode;
            if (code is < 200 or > 299)
                return HealthResult.Fail($"{what} answered {code}");
            if (check.Content is not { } content)
                return HealthResult.Pass($"{what} answered {code}");
            var body = await ReadBoundedAsync(response, attempt.Token);
            return body.Contains(content, StringComparison.Ordinal)
                ? HealthResult.Pass($"{what} answered {code} with \"{Untrusted.Printable(content)}\"")
                : HealthResult.Fail($"{what} answered {code} without \"{Untrusted.Printable(content)}\"");
        }
        catch (HttpRequestException e)
        {
            return HealthResult.Fail($"{what} on {endpoint} failed: {e.Message}") with { NoAnswer = true };
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"{what} on {endpoint} did not answer within {check.TimeoutSeconds} s");
        }
    }

    static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBodyBytes];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), ct)) > 0)
            read += n;
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }

    public void Dispose()
    {
        http.Dispose();
        checks.Dispose();
    }
}
