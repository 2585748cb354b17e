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
                using var response = await SendAsync(url);
                if (!response.IsSuccessStatusCode)
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
                else if (await ReadsWholeAsync(response))
                    Interlocked.Increment(ref served);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                var reason = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
                failures.AddOrUpdate(e.GetType().Name + ": " + reason, 1, (_, n) => n + 1);
            }
            await Task.Delay(20);
        }
    }

    int sentAgain;

    /// <summary>What a spec prints when the load's counts fail it: served, sent again, and each failure by reason.</summary>
    public string Summary() =>
        $"{served} requests served ({sentAgain} sent again once nginx closed them unanswered), failed: {string.Join(", ", failures.Select(f => $"{f.Value}x {f.Key}"))}";

    /// <summary>
    /// An nginx worker told to go by a reload closes its idle connections, and to nginx a connection it has accepted
    /// but not yet read a request from is idle (ngx_http_init_connection marks it reusable): a request sent just then
    /// gets no answer at all, by nginx's own doing, whatever nap wrote. A client may send such an idempotent
    /// request again (RFC 9110 9.2.2); this does, once, and counts it. Anything else still counts as a failure.
    /// </summary>
    async Task<HttpResponseMessage> SendAsync(Uri url)
    {
        try
        {
            return await SendOnceAsync(url);
        }
        catch (HttpRequestException e) when (ClosedUnanswered(e))
        {
            Interlocked.Increment(ref sentAgain);
            return await SendOnceAsync(url);
        }
    }

    // Closed with the request unread is a reset rather than an end, depending on when the request's bytes came in.
    static bool ClosedUnanswered(HttpRequestException e) =>
        e.HttpRequestError == HttpRequestError.ResponseEnded
        || e.InnerException is IOException { InnerException: System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionReset } };

    async Task<HttpResponseMessage> SendOnceAsync(Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.ConnectionClose = connectionPerRequest;
        return await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
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
