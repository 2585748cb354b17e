using System.Text.Json.Nodes;

namespace Nap.Host.Tests;

/// <summary>
/// A second key's build that forks or allocates past the build limits (napd.json's limits.buildTasks and
/// buildMemoryMegabytes, set low once for this class, napd restarted; put back after). On Debian 13 (docker 26) BuildKit
/// runs the RUN steps under the build unit, which holds them: the push is refused with the limit's line and the first
/// tenant's app keeps serving. docker 20.10 (Debian 12) runs them outside the unit: the known gap, asserted as such.
/// </summary>
[Collection(NapHostCollection.Name)]
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed class HostileBuildLimitsSpecs(NapHost host, HostileBuildLimitsSpecs.LowLimits limits) : IClassFixture<HostileBuildLimitsSpecs.LowLimits>, IAsyncLifetime
{
    const string Head = "FROM local/busybox:latest\n";
    const string Tail = "COPY www /www\nEXPOSE 8080\nCMD [\"/bin/httpd\", \"-f\", \"-p\", \"8080\", \"-h\", \"/www\"]\n";

    static bool StepsInTheUnit => RepoLayout.HostDistro == "trixie";

    BuildReachHost reach = null!;

    public async Task InitializeAsync() => reach = await limits.SetAsync(host);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The low limits, set on the first case's start and put back once the class is done (xunit makes one per class).</summary>
    public sealed class LowLimits : IAsyncLifetime
    {
        NapHost? host;
        string napdJson = "";
        Task<BuildReachHost>? set;

        public Task<BuildReachHost> SetAsync(NapHost on) => set ??= SetOnceAsync(on);

        async Task<BuildReachHost> SetOnceAsync(NapHost on)
        {
            var reach = await BuildReachHost.OfAsync(on);
            napdJson = (await on.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
            host = on;
            var low = JsonNode.Parse(napdJson)!.AsObject();
            low["limits"] = new JsonObject { ["buildTasks"] = 64, ["buildMemoryMegabytes"] = 160 };
            (await on.ExecWithInput(low.ToJsonString(), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("build limits in napd.json");
            await on.RestartNapdAsync();
            return reach;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (host is null)
                return;
            (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
            await host.RestartNapdAsync();
        }
    }

    /// <summary>Each case pushes a history of its own, so each to an app of its own.</summary>
    async Task<ExecResult> PushAsync(string app, string step)
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(tree.File("Dockerfile"), Head + step + "\n" + Tail);
        await tree.CommitAsync("the second tenant's build");
        return await tree.PushAsync(app, reach.Second);
    }

    [Fact]
    public async Task A_build_that_forks_past_its_limit_is_refused_with_the_limits_line()
    {
        var push = await PushAsync("limits-fork", "RUN i=0; while [ $i -lt 200 ]; do sleep 3 & i=$((i+1)); done; wait");

        var unit = (await host.Exec("systemctl", "show", "-p", "TasksMax", "-p", "MemoryMax", "nap-limits-fork-build.service")).EnsureSuccess("the build unit").Stdout;
        Assert.Contains("TasksMax=64", unit);
        Assert.Contains($"MemoryMax={160 << 20}", unit);
        if (StepsInTheUnit)
        {
            Assert.True(push.ExitCode != 0, push.ToString());
            Assert.Contains("can't fork", push.Stderr);
            Assert.Contains(" !     the build failed: a step could not start a process: a build may hold 64 at once (limits.buildTasks in /etc/nap/napd.json)", push.Stderr);
        }
        else
            Assert.True(push.ExitCode == 0 && !push.Stderr.Contains("can't fork"), push.ToString());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }

    [Fact]
    public async Task A_build_that_allocates_past_its_memory_is_killed_and_refused_with_the_limits_line()
    {
        // busybox dd holds one block of 300 MiB: more than the build's 160.
        var push = await PushAsync("limits-memory", "RUN busybox dd if=/dev/zero of=/dev/null bs=300M count=1");

        if (StepsInTheUnit)
        {
            Assert.True(push.ExitCode != 0, push.ToString());
            Assert.Contains(" !     the build failed: a step was killed, as the kernel does past the build's memory limit: a build may use 160 MB (limits.buildMemoryMegabytes in /etc/nap/napd.json)", push.Stderr);
        }
        else
            Assert.True(push.ExitCode == 0, push.ToString());
        await HostileHost.AssertStillServesAsync(reach.First.Url);
    }

    [Fact]
    public async Task A_build_within_its_limits_runs_its_steps_in_the_build_units_cgroup_and_deploys()
    {
        var push = await PushAsync("limits-within", "RUN grep pids /proc/self/cgroup");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Equal(StepsInTheUnit, push.Output.Contains("/system.slice/nap-limits-within-build.service/buildkit/", StringComparison.Ordinal));
    }
}
