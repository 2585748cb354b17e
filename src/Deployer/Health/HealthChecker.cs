using Nap.Deployer.Docker;

namespace Nap.Deployer.Health;

/// <summary>
/// Waits until a new release may take traffic: Docker's HEALTHCHECK verdict when the image has one,
/// else a TCP connect and an HTTP GET that does not answer 5xx.
/// </summary>
public sealed class HealthChecker(IDocker docker, HttpProbe probe)
{
    /// <param name="stillRunning">Asked now and then; false (the unit failed) ends the wait early.</param>
    public Task<HealthResult> WaitAsync(HealthTarget target, TimeSpan timeout, Func<CancellationToken, Task<bool>> stillRunning, CancellationToken ct) =>
        LoopAsync(token => CheckOnceAsync(target, token), timeout, stillRunning, ct);

    /// <summary>
    /// A cluster's task at NODE_ADDR:PORT, once the engine says it runs (with a HEALTHCHECK only once it is healthy):
    /// the same HTTP probe and the same pace as an instance on this host.
    /// </summary>
    public Task<HealthResult> WaitForAnswerAsync(System.Net.IPEndPoint endpoint, TimeSpan timeout, Func<CancellationToken, Task<bool>> stillRunning, CancellationToken ct) =>
        LoopAsync(token => probe.ProbeAsync(endpoint, token), timeout, stillRunning, ct);

    async Task<HealthResult> LoopAsync(Func<CancellationToken, Task<HealthResult>> check, TimeSpan timeout, Func<CancellationToken, Task<bool>> stillRunning, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var started = DateTime.UtcNow;
        // systemd was asked just now (the start returned): the first question waits a second.
        var lastAsked = started;
        var last = HealthResult.Fail("not checked yet");
        var delay = FastInterval;
        try
        {
            while (true)
            {
                last = await check(deadline.Token);
                if (last.Healthy || last.Detail.StartsWith(UnhealthyPrefix, StringComparison.Ordinal))
                    return last;
                if (DateTime.UtcNow - lastAsked > TimeSpan.FromSeconds(1))
                {
                    lastAsked = DateTime.UtcNow;
                    if (!await stillRunning(deadline.Token))
                        return HealthResult.Fail("the release stopped running; " + last.Detail);
                }
                await Task.Delay(delay, deadline.Token);
                if (DateTime.UtcNow - started > FastPhase)
                    delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return HealthResult.Fail($"not healthy within {timeout.TotalSeconds:0} s: {last.Detail}");
        }
    }

    // Most apps answer within a few seconds of their start, and every probe late is time the pusher
    // waits: probe often until then (an inspect and a connect, cheap), then back off for slow starters.
    static readonly TimeSpan FastInterval = TimeSpan.FromMilliseconds(20);
    static readonly TimeSpan FastPhase = TimeSpan.FromSeconds(3);

    const string UnhealthyPrefix = "HEALTHCHECK says unhealthy";

    async Task<HealthResult> CheckOnceAsync(HealthTarget target, CancellationToken ct)
    {
        var state = await docker.HealthAsync(target.Container, ct);
        switch (state)
        {
            case ContainerHealth.Missing:
                return HealthResult.Fail($"container {target.Container} is not created yet");
            case ContainerHealth.Exited:
                return HealthResult.Fail($"container {target.Container} exited");
            case ContainerHealth.Healthy:
                return HealthResult.Pass("HEALTHCHECK says healthy");
            case ContainerHealth.Unhealthy:
                return HealthResult.Fail(UnhealthyPrefix);
            case ContainerHealth.Starting:
                return HealthResult.Fail("HEALTHCHECK is still starting");
        }

        return target.HasHealthCheck
            ? HealthResult.Fail("HEALTHCHECK has not reported yet")
            : await probe.ProbeAsync(target.Port, ct);
    }
}
