using Nap.Deployer.Apps;
using Nap.Deployer.Health;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Apps;

public sealed class AppStateStoreSpecs : IDisposable
{
    static readonly DateTimeOffset T0 = new(2026, 11, 25, 1, 2, 3, TimeSpan.Zero);

    readonly TestDir dir = new();
    readonly NapPaths paths;
    readonly AppStateStore store;

    public AppStateStoreSpecs()
    {
        paths = new NapPaths(dir.Sub("data"), dir.Sub("etc"), dir.Sub("run"));
        store = new AppStateStore(paths);
    }

    [Fact]
    public async Task Everything_recorded_reads_back_the_same()
    {
        var release = new Release(1, new string('a', 40), Keys.Alice, T0, "nap/shop:1", null, ReleaseResult.Deployed).WithPorts([20001, 20002, 20003])
            .WithGate(new HealthGate(true, [new StartupCheck("db", "/ready", "ok", 4, 2, 1, 3)]));
        var failed = new Release(2, new string('b', 40), Keys.Bob, T0.AddHours(1), null, null, ReleaseResult.BuildFailed) { Detail = "RUN make: exit 2" };
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);

        await store.UpdateAsync("shop", s => s.WithGrant(Keys.Bob).WithDeployBranch("prod").WithAppPort(10001)
            .WithDomains(["shop.example.com"]).WithRelease(release).WithRelease(failed).WithCurrentRelease(1)
            .WithResources(new AppResources("256M", "0.5")).WithScale(3).WithStopped(true));
        var back = (await store.ReadAsync("shop"))!;

        Assert.Equal(("shop", Keys.Alice, T0), (back.Name, back.Owner, back.Created));
        Assert.Equal([Keys.Bob], back.Access);
        Assert.Equal("prod", back.DeployBranch);
        Assert.Equal(10001, back.AppPort);
        Assert.Equal(["shop.example.com"], back.Domains);
        Assert.Equal([release, failed], back.Releases);
        Assert.Equal(release, back.Current);
        Assert.Equal(3, back.NextReleaseNumber);
        Assert.Equal(new AppResources("256M", "0.5"), back.Resources);
        Assert.Equal(3, back.Scale);
        Assert.Equal([20001, 20002, 20003], back.Current!.Ports);
        Assert.Equal(new HealthGate(true, [new StartupCheck("db", "/ready", "ok", 4, 2, 1, 3)]), back.Current.Gate);
        Assert.True(back.Stopped);
    }

    [Fact]
    public async Task The_file_is_root_only_and_no_temp_file_is_left()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);
        await store.UpdateAsync("shop", s => s.WithAppPort(10002));

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(paths.AppState("shop")));
        Assert.Equal([paths.AppState("shop")], Directory.GetFiles(paths.App("shop")));
    }

    [Fact]
    public async Task A_failed_update_leaves_the_previous_file_whole()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);
        var before = File.ReadAllText(paths.AppState("shop"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpdateAsync("shop", _ => throw new InvalidOperationException("boom")));

        Assert.Equal(before, File.ReadAllText(paths.AppState("shop")));
    }

    [Fact]
    public async Task Concurrent_updates_of_one_app_lose_nothing()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);
        var keys = Enumerable.Range(0, 25).Select(i => $"key{i}").ToArray();

        await Task.WhenAll(keys.Select(k => Task.Run(() => store.UpdateAsync("shop", s => s.WithGrant(k)))));

        Assert.Equal(keys.Order(), (await store.ReadAsync("shop"))!.Access.Order());
    }

    [Fact]
    public async Task Readers_never_see_a_half_written_file()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                await store.UpdateAsync("shop", s => s.WithDomains(Enumerable.Range(0, i % 50).Select(n => $"d{n}.example.com")));
        });

        var reads = 0;
        while (!writer.IsCompleted)
        {
            Assert.Equal("shop", (await store.ReadAsync("shop"))!.Name);
            reads++;
        }

        await writer;
        Assert.True(reads > 10);
    }

    [Fact]
    public async Task Creating_an_existing_app_keeps_its_owner()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);

        var (state, created) = await store.CreateIfAbsentAsync("shop", Keys.Bob, T0);

        Assert.False(created);
        Assert.Equal(Keys.Alice, state.Owner);
    }

    [Fact]
    public async Task Names_lists_the_apps_with_state_in_order()
    {
        await store.CreateIfAbsentAsync("web", Keys.Alice, T0);
        await store.CreateIfAbsentAsync("api", Keys.Alice, T0);
        Directory.CreateDirectory(paths.App("half-destroyed"));

        Assert.Equal(["api", "web"], store.Names());
    }

    [Fact]
    public async Task Deleting_removes_the_state_and_the_empty_app_directory()
    {
        await store.CreateIfAbsentAsync("shop", Keys.Alice, T0);

        await store.DeleteAsync("shop");

        Assert.False(Directory.Exists(paths.App("shop")));
        Assert.Null(await store.ReadAsync("shop"));
    }

    [Theory]
    [InlineData(null, "refs/heads/master", true)]
    [InlineData(null, "refs/heads/main", true)]
    [InlineData(null, "refs/heads/dev", false)]
    [InlineData(null, "refs/tags/master", false)]
    [InlineData("prod", "refs/heads/prod", true)]
    [InlineData("prod", "refs/heads/master", false)]
    public void The_deploy_branch_is_master_or_main_unless_the_app_sets_one(string? branch, string refName, bool deploys) =>
        Assert.Equal(deploys, new AppState("shop", Keys.Alice, T0).WithDeployBranch(branch).IsDeployRef(refName));

    public void Dispose() => dir.Dispose();
}
