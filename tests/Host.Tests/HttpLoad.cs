using System.Collections.Concurrent;

namespace Nap.Host.Tests;

/// <summary>Keeps a few connections busy with GET URL and counts what failed, by reason, until <see cref="StopAsync"/>.</summary>
public sealed class HttpLoad
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };
    readonly CancellationTokenSource stop = new();
    readonly ConcurrentDictionary<string, int> failures = new();
    readonly List<Task> workers = [];
    int served;

    /// <summary>The reason a response is counted under when its headers came and its body was cut short.</summary>
    public const string CutShort = "cut short after its headers";

    public const int DefaultConnections = 4;

    readonly bool connectionPerRequest;

    HttpLoad(string url, int connections, bool connectionPerRequest)
    {
        this.connectionPerRequest = connectionPerRequest;
        for (var i = 0; i < connections; i++)
            workers.Add(Task.Run(() => LoopAsync(new Uri(url))));
    }

    public static HttpLoad Start(string url, int connections = DefaultConnections) => new(url, connections, connectionPerRequest: false);

    /// <summary>
    /// The same load, each request on a connection of its own. An nginx reload closes the old workers' idle keep-alive
    /// connections, and a request the client sends just as one closes fails on the client's side before nginx reads it
    /// (clients may retry such an idempotent request, RFC 9110 9.2.2; browsers do). Where a spec's reloads come by the
    /// dozen, that race would be counted, not what nap lost.
    /// </summary>
    public static HttpLoad StartWithoutKeepAlive(string url, int connections = DefaultConnections) => new(url, connections, connectionPerRequest: true);

    /// <summary>Ends the load (a second call only reads the counts again) and says what was served and what failed.</summary>
    public async Task<(int Served, IReadOnlyDictionary<string, int> Failures)> StopAsync()
    {
        if (!stop.IsCancellationRequested)
            await stop.CancelAsync();
        await Task.WhenAll(workers);
        return (served, failures);
    }

    async Task LoopAsync(Uri url)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.ConnectionClose = connectionPerRequest;
                using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                if (!response.IsSuccessStatusCode)
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                else if (await ReadsWholeAsync(response))
                    Interlocked.Increment(ref served);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, n) => n + 1);
            }
            await Task.Delay(20);
        }
    }

    async Task<bool> ReadsWholeAsync(HttpResponseMessage response)
    {
        try
        {
            using var timeout = new CancellationTokenSource(Http.Timeout);
            await response.Content.ReadAsByteArrayAsync(timeout.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            failures.AddOrUpdate($"{CutShort}: {e.Message}", 1, (_, n) => n + 1);
            return false;
        }
    }
}
