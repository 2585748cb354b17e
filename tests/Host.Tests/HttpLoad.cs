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

    HttpLoad(string url, int connections)
    {
        for (var i = 0; i < connections; i++)
            workers.Add(Task.Run(() => LoopAsync(new Uri(url))));
    }

    public static HttpLoad Start(string url, int connections = 4) => new(url, connections);

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
                using var response = await Http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                    Interlocked.Increment(ref served);
                else
                    failures.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, n) => n + 1);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failures.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, n) => n + 1);
            }
            await Task.Delay(20);
        }
    }
}
