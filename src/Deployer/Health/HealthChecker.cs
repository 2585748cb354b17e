using System.Net;
using Nap.Deployer.Docker;

namespace Nap.Deployer.Health;

/// <summary>
/// Waits until a new release may take traffic: Docker's HEALTHCHECK verdict when the image has one, then app.json's
/// startup checks when it names any; with neither, a TCP connect and an HTTP GET that does not answer 5xx.
/// </summary>
public sealed class HealthChecker(IDocker docker, HttpProbe probe)
{
    /// <param name="timeout">For docker's verdict or nap's probe; app.json's checks keep their own attempts and waits.</param>
    /// <param name="stopped">Asked now and then: why the release is no longer on its way up (its unit failed, its
    /// process ended), which ends the wait early; null while it is.</param>
    /// <param name="progress">Told of each failed attempt of app.json's checks that another follows (their waits are seconds long).</param>
    public async Task<HealthResult> WaitAsync(HealthTarget target, TimeSpan timeout, Func<CancellationToken, Task<string?>> stopped, CancellationToken ct, Func<string, Task>? progress = null)
    {
        var verdict = await LoopAsync(token => CheckOnceAsync(target, token), timeout, stopped, ct);
        if (verdict.Healthy && target.Gate.Checks.Count > 0)
            verdict = await ChecksAsync(new IPEndPoint(IPAddress.Loopback, target.Port), target.Gate.Checks, stopped, ct, progress);
        if (verdict.NoAnswer && await PublishedPortAsync(target, ct) is { } port)
            return verdict with { Detail = verdict.Detail + ListenHint(port) };
        return verdict;
    }

    /// <summary>Only for the hint: an engine that does not answer now leaves the verdict as it is.</summary>
    async Task<int?> PublishedPortAsync(HealthTarget target, CancellationToken ct)
    {
        try
        {
            return await docker.PublishedPortAsync(target.Container, target.Port, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Heroku's most common boot failure ("failed to bind to $PORT"), said in the words of the container nap runs.</summary>
    public static string ListenHint(int port) =>
        $"; the app must listen on port {port} ($PORT) on every address of its container (0.0.0.0, not 127.0.0.1)";

    /// <summary>
    /// A cluster's task at NODE_ADDR:PORT, once the engine says it runs (with a HEALTHCHECK only once it is healthy):
    /// app.json's checks when it names any, else the same HTTP probe and the same pace as an instance on this host.
    /// </summary>
    public Task<HealthResult> WaitForAnswerAsync(IPEndPoint endpoint, IReadOnlyList<StartupCheck> checks, TimeSpan timeout, Func<CancellationToken, Task<string?>> stopped, CancellationToken ct) =>
        checks.Count > 0
            ? ChecksAsync(endpoint, checks, stopped, ct, progress: null)
            : LoopAsync(token => probe.ProbeAsync(endpoint, token), timeout, stopped, ct);

    /// <summary>Each check in turn, as Dokku runs them: its initial delay, then up to its attempts, its wait apart.</summary>
    async Task<HealthResult> ChecksAsync(IPEndPoint endpoint, IReadOnlyList<StartupCheck> checks, Func<CancellationToken, Task<string?>> stopped, CancellationToken ct, Func<string, Task>? progress)
    {
        foreach (var check in checks)
        {
            await Task.Delay(TimeSpan.FromSeconds(check.InitialDelaySeconds), ct);
            for (var attempt = 1; ; attempt++)
            {
                var result = await probe.CheckAsync(endpoint, check, ct);
                if (result.Healthy)
                    break;
                var failed = $"app.json's check \"{check.Name}\" failed {attempt} of {check.Attempts} attempts: {result.Detail}";
                if (attempt == check.Attempts)
                    return HealthResult.Fail(failed) with { NoAnswer = result.NoAnswer };
                if (await stopped(ct) is { } why)
                    return HealthResult.Fail($"{why}; {failed}");
                if (progress is not null)
                    await progress($"{failed}; again in {check.WaitSeconds} s");
                await Task.Delay(TimeSpan.FromSeconds(check.WaitSeconds), ct);
            }
        }
        return HealthResult.Pass($"app.json's {(checks.Count == 1 ? "check" : "checks")} passed: {string.Join(", ", checks.Select(c => c.Name))}");
    }

    async Task<HealthResult> LoopAsync(Func<CancellationToken, Task<HealthResult>> check, TimeSpan timeout, Func<CancellationToken, Task<string?>> stopped, CancellationToken ct)
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
                if (last.Healthy || last.Final)
                    return last;
                if (DateTime.UtcNow - lastAsked > TimeSpan.FromSeconds(1))
                {
                    lastAsked = DateTime.UtcNow;
                    if (await stopped(deadline.Token) is { } why)
                        return HealthResult.Fail($"{why}; {last.Detail}");
                }
                await Task.Delay(delay, deadline.Token);
                if (DateTime.UtcNow - started > FastPhase)
                    delay = TimeSpan.FromMilliseconds(Math.Min(500, delay.TotalMilliseconds * 1.5));
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return last with { Healthy = false, Detail = $"not healthy within {timeout.TotalSeconds:0} s: {last.Detail}" };
        }
    }

    // Most apps answer within a few seconds of their start, and every probe late is time the pusher
    // waits: probe often until then (an inspect and a connect, cheap), then back off for slow starters.
    static readonly TimeSpan FastInterval = TimeSpan.FromMilliseconds(20);
    static readonly TimeSpan FastPhase = TimeSpan.FromSeconds(3);

    async Task<HealthResult> CheckOnceAsync(HealthTarget target, CancellationToken ct)
    {
        ContainerHealth state;
        try
        {
            state = await docker.HealthAsync(target.Container, ct);
        }
        catch (Exception e) when (EngineUnreachable.Is(e) || e is global::Docker.DotNet.DockerApiException)
        {
            // The engine stopping (docker.service stopped, restarted, upgraded) stops the release's unit too, which
            // systemd reports within a second: the verdict says so, rather than the push failing on the engine's socket.
            return HealthResult.Fail($"the Docker engine did not answer ({e.Message})");
        }
        switch (state)
        {
            case ContainerHealth.Missing:
                return HealthResult.Fail($"container {target.Container} is not running");
            case ContainerHealth.Exited:
                return HealthResult.Fail($"container {target.Container} exited");
            case ContainerHealth.Healthy:
                return HealthResult.Pass("HEALTHCHECK says healthy");
            case ContainerHealth.Unhealthy:
                return HealthResult.FailNow("HEALTHCHECK says unhealthy");
            case ContainerHealth.Starting:
                return HealthResult.Fail("HEALTHCHECK is still starting");
        }

        // A running container is enough here when app.json's checks follow: they judge the app.
        return target.Gate.HasHealthCheck ? HealthResult.Fail("HEALTHCHECK has not reported yet")
            : target.Gate.Checks.Count > 0 ? HealthResult.Pass("running")
            : await probe.ProbeAsync(target.Port, ct);
    }
}
