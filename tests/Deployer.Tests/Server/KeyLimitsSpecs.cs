using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Apps;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Tests.Support;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Server;

/// <summary>One key cannot hold napd's socket or its journal readers for the others: open requests and `logs -f` are counted per key.</summary>
public sealed class KeyLimitsSpecs
{
    /// <summary>A verb that holds its request open until the client leaves (a `logs -f` without the journal).</summary>
    sealed class HoldVerb : IVerbHandler
    {
        public const string Name = "test:hold";
        int started;

        public string Verb => Name;

        public int Started => Volatile.Read(ref started);

        public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
        {
            Interlocked.Increment(ref started);
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }
    }

    /// <summary>journald as `logs -f` meets it: a follow never ends by itself.</summary>
    sealed class FollowingJournal : IJournal
    {
        public Task<string?> CursorAsync(CancellationToken ct) => Task.FromResult<string?>(null);

        public async IAsyncEnumerable<JournalEntry> ReadAsync(JournalQuery query, [EnumeratorCancellation] CancellationToken ct)
        {
            yield return new JournalEntry("a line", null);
            if (query.Follow)
                await Task.Delay(Timeout.Infinite, ct);
        }
    }

    static Func<NapdConfig, NapdConfig> Limits(int connections, int followers) =>
        c => c.WithLimits(c.Limits.WithConnectionsPerKey(connections, followers));

    static async Task EventuallyAsync(Func<bool> done)
    {
        for (var i = 0; i < 500 && !done(); i++)
            await Task.Delay(10);
        Assert.True(done());
    }

    [Fact]
    public async Task A_key_with_as_many_requests_open_as_allowed_is_refused_one_more_and_another_key_is_not()
    {
        var hold = new HoldVerb();
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IVerbHandler>(hold), config: Limits(connections: 2, followers: 1));
        using var leave = new CancellationTokenSource();
        var held = new[] { napd.SendAsync(new NapRequest(HoldVerb.Name, [], Keys.Alice), leave.Token), napd.SendAsync(new NapRequest(HoldVerb.Name, [], Keys.Alice), leave.Token) };
        await EventuallyAsync(() => hold.Started == 2);

        var third = await napd.SendAsync(Keys.Alice, "help");
        var other = await napd.SendAsync(Keys.Bob, "help");

        Assert.Equal((1, "napd: key alice has 2 requests open, as many as this host allows (limits.connectionsPerKey in /etc/nap/napd.json): end one (a logs -f?) and try again\n"), (third.Code, third.Err));
        Assert.Equal(0, other.Code);
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Task.WhenAll(held));
        await EventuallyAsync(() => napd.SendAsync(Keys.Alice, "help").GetAwaiter().GetResult().Code == 0);
    }

    [Fact]
    public async Task A_key_following_as_many_logs_as_allowed_is_refused_one_more_follow_but_not_a_plain_read()
    {
        await using var napd = await TestNapd.StartAsync(s => s.AddSingleton<IJournal>(new FollowingJournal()), config: Limits(connections: 8, followers: 1));
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        await napd.Get<AppStateStore>().UpdateAsync("shop", a => a
            .WithRelease(new Release(1, "abc", Keys.Alice, DateTimeOffset.UnixEpoch, "nap/shop:1", 20001, ReleaseResult.Deployed)).WithCurrentRelease(1));
        using var leave = new CancellationTokenSource();
        var first = new StringWriter();
        var following = NapClient.SendAsync(napd.Paths.Socket, new NapRequest("logs", ["shop", "-f"], Keys.Alice), first, TextWriter.Null, leave.Token);
        await EventuallyAsync(() => first.ToString().Contains("a line", StringComparison.Ordinal));

        var second = await napd.SendAsync(Keys.Alice, "logs", "shop", "-f");
        var plain = await napd.SendAsync(Keys.Alice, "logs", "shop");

        Assert.Equal((1, "key alice follows 1 logs already, as many as this host allows (limits.logFollowersPerKey in /etc/nap/napd.json): end one and try again\n"), (second.Code, second.Err));
        Assert.Equal((0, "a line\n"), (plain.Code, plain.Out));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
    }
}
