using Nap.Deployer.State;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Tests.Core;

public sealed class AppLocksSpecs
{
    sealed class Lines : IReplyWriter
    {
        public List<string> Out { get; } = [];
        public List<string> Err { get; } = [];
        public Task OutAsync(string line) { lock (Out) Out.Add(line); return Task.CompletedTask; }
        public Task ErrAsync(string line) { lock (Err) Err.Add(line); return Task.CompletedTask; }
    }

    static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero));

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_second_deploy_waits_and_is_told_who_holds_the_app()
    {
        var locks = new AppLocks(Clock);
        var first = (await locks.AcquireAsync("shop", Keys.Alice, new Lines(), TimeSpan.FromSeconds(5), default))!;
        var second = new Lines();

        var waiting = locks.AcquireAsync("shop", Keys.Bob, second, TimeSpan.FromSeconds(30), default);
        Assert.False(waiting.IsCompleted);
        first.Dispose();
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["-----> waiting for the deploy of shop started by alice at 2026-11-25 01:30:00 UTC"], second.Out);
        Assert.Equal(Keys.Bob, lease!.Key);
        Assert.Same(lease, locks.Holder("shop"));
    }

    [Fact]
    public async Task A_waiter_gives_up_after_the_timeout_with_a_clear_message()
    {
        var locks = new AppLocks(Clock);
        using var first = await locks.AcquireAsync("shop", Keys.Alice, new Lines(), TimeSpan.FromSeconds(5), default);
        var second = new Lines();

        var lease = await locks.AcquireAsync("shop", Keys.Bob, second, TimeSpan.FromMilliseconds(200), default);

        Assert.Null(lease);
        Assert.Equal(["-----> gave up after 0 s: the deploy of shop started by alice at 2026-11-25 01:30:00 UTC is still running; push again later"], second.Err);
        Assert.Equal(Keys.Alice, locks.Holder("shop")!.Key);
    }

    [Fact]
    public async Task Different_apps_do_not_wait_for_each_other()
    {
        var locks = new AppLocks(Clock);
        var lines = new Lines();
        using var shop = await locks.AcquireAsync("shop", Keys.Alice, lines, TimeSpan.FromSeconds(5), default);

        using var blog = await locks.AcquireAsync("blog", Keys.Alice, lines, TimeSpan.Zero, default);

        Assert.NotNull(blog);
        Assert.Empty(lines.Out);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_lock_to_the_next()
    {
        var locks = new AppLocks(Clock);
        var first = (await locks.AcquireAsync("shop", Keys.Alice, new Lines(), TimeSpan.FromSeconds(5), default))!;
        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync("shop", Keys.Bob, new Lines(), TimeSpan.FromMinutes(1), hangUp.Token));
        first.Dispose();
        first.Dispose();

        using var third = await locks.AcquireAsync("shop", Keys.Carol, new Lines(), TimeSpan.Zero, default);
        Assert.NotNull(third);
    }
}
