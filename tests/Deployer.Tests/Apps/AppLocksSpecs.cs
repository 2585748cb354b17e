using Nap.Deployer.Apps;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Apps;

public sealed class AppLocksSpecs
{
    static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 11, 25, 1, 30, 0, TimeSpan.Zero));

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task A_second_deploy_waits_and_can_say_who_holds_the_app()
    {
        var locks = new AppLocks(Clock);
        var first = (await locks.AcquireAsync("shop", Keys.Alice, TimeSpan.FromSeconds(5), default))!;

        Assert.Null(await locks.TryAcquireAsync("shop", Keys.Bob, default));
        var waiting = locks.AcquireAsync("shop", Keys.Bob, TimeSpan.FromSeconds(30), default);
        Assert.False(waiting.IsCompleted);
        Assert.Equal("deploy of shop started by alice at 2026-11-25 01:30:00 UTC", AppLocks.Describe("shop", locks.Holder("shop")));
        first.Dispose();
        using var lease = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(Keys.Bob, lease!.Key);
        Assert.Same(lease, locks.Holder("shop"));
    }

    [Fact]
    public async Task A_waiter_gives_up_after_the_timeout_and_the_holder_keeps_the_app()
    {
        var locks = new AppLocks(Clock);
        using var first = await locks.AcquireAsync("shop", Keys.Alice, TimeSpan.FromSeconds(5), default);

        var lease = await locks.AcquireAsync("shop", Keys.Bob, TimeSpan.FromMilliseconds(200), default);

        Assert.Null(lease);
        Assert.Equal(Keys.Alice, locks.Holder("shop")!.Key);
    }

    [Fact]
    public async Task Different_apps_do_not_wait_for_each_other()
    {
        var locks = new AppLocks(Clock);
        using var shop = await locks.AcquireAsync("shop", Keys.Alice, TimeSpan.FromSeconds(5), default);

        using var blog = await locks.TryAcquireAsync("blog", Keys.Alice, default);

        Assert.NotNull(blog);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_the_lock_to_the_next()
    {
        var locks = new AppLocks(Clock);
        var first = (await locks.AcquireAsync("shop", Keys.Alice, TimeSpan.FromSeconds(5), default))!;
        using var hangUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => locks.AcquireAsync("shop", Keys.Bob, TimeSpan.FromMinutes(1), hangUp.Token));
        first.Dispose();
        first.Dispose();

        using var third = await locks.AcquireAsync("shop", Keys.Carol, TimeSpan.Zero, default);
        Assert.NotNull(third);
    }
}
