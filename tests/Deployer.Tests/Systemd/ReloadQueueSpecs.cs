using Nap.Deployer.Systemd;

namespace Nap.Deployer.Tests.Systemd;

public sealed class ReloadQueueSpecs
{
    /// <summary>A reload that runs until the spec lets it end, counting how many began.</summary>
    sealed class HeldReloads
    {
        readonly List<TaskCompletionSource> held = [];
        readonly SemaphoreSlim began = new(0);

        public int Count { get { lock (held) return held.Count; } }

        public Task ReloadAsync()
        {
            var one = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (held)
                held.Add(one);
            began.Release();
            return one.Task;
        }

        public Task<bool> BeganAsync() => began.WaitAsync(TimeSpan.FromSeconds(10));

        public void End(int index) { lock (held) held[index].SetResult(); }

        public void Fail(int index) { lock (held) held[index].SetException(new SystemdException("reload refused")); }
    }

    [Fact]
    public async Task Reloads_asked_for_while_one_runs_are_served_by_one_more_that_begins_after_it()
    {
        var reloads = new HeldReloads();
        var queue = new ReloadQueue(reloads.ReloadAsync);
        var first = queue.ReloadAsync();
        Assert.True(await reloads.BeganAsync());

        var later = Enumerable.Range(0, 5).Select(_ => queue.ReloadAsync()).ToArray();
        await Task.Delay(100);

        Assert.Equal(1, reloads.Count);
        reloads.End(0);
        await first;
        Assert.True(await reloads.BeganAsync());
        Assert.All(later, t => Assert.False(t.IsCompleted));
        reloads.End(1);
        await Task.WhenAll(later);
        Assert.Equal(2, reloads.Count);
    }

    [Fact]
    public async Task A_reload_asked_for_once_the_others_ended_begins_anew()
    {
        var reloads = new HeldReloads();
        var queue = new ReloadQueue(reloads.ReloadAsync);

        var first = queue.ReloadAsync();
        Assert.True(await reloads.BeganAsync());
        reloads.End(0);
        await first;
        var second = queue.ReloadAsync();
        Assert.True(await reloads.BeganAsync());
        reloads.End(1);
        await second;

        Assert.Equal(2, reloads.Count);
    }

    [Fact]
    public async Task A_failed_reload_fails_only_its_own_callers_and_the_one_asked_for_after_it_still_runs()
    {
        var reloads = new HeldReloads();
        var queue = new ReloadQueue(reloads.ReloadAsync);
        var first = queue.ReloadAsync();
        Assert.True(await reloads.BeganAsync());
        var second = queue.ReloadAsync();

        reloads.Fail(0);

        await Assert.ThrowsAsync<SystemdException>(() => first);
        Assert.True(await reloads.BeganAsync());
        reloads.End(1);
        await second;
        Assert.Equal(2, reloads.Count);
    }
}
