using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Systemd;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Cluster;

/// <summary>`logs` on a cluster: the engine's service-log stream as lines, labelled and ordered; Host.Tests' ClusterLogsSpecs read a real one.</summary>
public sealed class ServiceLogsSpecs
{
    static readonly DateTimeOffset T0 = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

    static byte[] Frame(int stream, string payload)
    {
        var body = Encoding.UTF8.GetBytes(payload);
        var frame = new byte[8 + body.Length];
        frame[0] = (byte)stream;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), (uint)body.Length);
        body.CopyTo(frame, 8);
        return frame;
    }

    static async Task<List<ServiceLogLine>> ReadAsync(params byte[][] frames)
    {
        using var stream = new MemoryStream(frames.SelectMany(f => f).ToArray());
        var lines = new List<ServiceLogLine>();
        await foreach (var line in ServiceLogStream.ReadAsync(stream, CancellationToken.None))
            lines.Add(line);
        return lines;
    }

    const string Details = "com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t%2B1";

    [Fact]
    public async Task The_engines_multiplexed_stream_becomes_lines_with_their_task_node_and_time_however_its_frames_cut_them()
    {
        var lines = await ReadAsync(
            Frame(1, $"2026-12-02T04:00:00.123456789Z {Details} hel"),
            Frame(2, $"2026-12-02T04:00:01.000000000Z {Details} an error\n"),
            Frame(1, $"lo world\n2026-12-02T04:00:02.500000000+01:00 {Details} second\n"),
            Frame(3, "Error grabbing logs: node w2 is down\n"),
            Frame(1, $"2026-12-02T04:00:03.000000000Z {Details} no newline at the end"));

        Assert.Equal(
            [
                new ServiceLogLine("t+1", "n1", T0.AddSeconds(1), "an error"),
                new ServiceLogLine("t+1", "n1", T0.AddTicks(1234567), "hello world"),
                new ServiceLogLine("t+1", "n1", new DateTimeOffset(2026, 12, 2, 4, 0, 2, 500, TimeSpan.FromHours(1)), "second"),
                ServiceLogLine.Engine("Error grabbing logs: node w2 is down"),
                new ServiceLogLine("t+1", "n1", T0.AddSeconds(3), "no newline at the end"),
            ],
            lines);
    }

    [Fact]
    public async Task A_line_that_never_ends_is_cut_at_64_KiB_and_its_rest_is_still_its_tasks()
    {
        const string Time = "2026-12-02T04:00:00.000000000Z";
        var head = $"{Time} {Details} ".Length;

        var lines = await ReadAsync(Frame(1, $"{Time} {Details} {new string('x', ServiceLogStream.MaxLine)}\n"));

        Assert.Equal(
            [new ServiceLogLine("t+1", "n1", T0, new string('x', ServiceLogStream.MaxLine - head)), new ServiceLogLine("t+1", "n1", T0, new string('x', head))],
            lines);
    }

    static FakeSwarm TwoTasks()
    {
        var swarm = FakeSwarm.Cluster();
        swarm.Tasks.AddRange([
            new SwarmTask("a", "nap-web-3", "wrk1", "web", "running", "running", [30001]) { Slot = 1 },
            new SwarmTask("b", "nap-web-3", "wrk2", "web", "running", "running", [30002]) { Slot = 2 },
        ]);
        swarm.Logs["nap-web-3"] = [
            new("a", "wrk1", T0.AddSeconds(1), "a1"),
            new("a", "wrk1", T0.AddSeconds(4), "a2"),
            new("a", "wrk1", T0.AddSeconds(5), "a3"),
            new("b", "wrk2", T0.AddSeconds(2), "b1"),
            new("b", "wrk2", T0.AddSeconds(3), "b2"),
            new("b", "wrk2", T0.AddSeconds(6), "b3"),
        ];
        return swarm;
    }

    [Fact]
    public async Task The_last_n_lines_are_the_newest_across_all_tasks_in_time_order_each_saying_its_slot_and_node()
    {
        var swarm = TwoTasks();

        var lines = new List<ServiceLogEntry>();
        await foreach (var entry in new ServiceLogs(swarm, TimeProvider.System).ReadAsync("web", "nap-web-3", 3, follow: false, CancellationToken.None))
            lines.Add(entry);

        Assert.Equal(["web.1@w1 | a2", "web.1@w1 | a3", "web.2@w2 | b3"], lines.Select(l => l.Text));
        Assert.Equal([new ServiceLogQuery(3, false, null)], swarm.Queries);
    }

    [Fact]
    public async Task A_backlog_of_long_lines_is_held_to_16_Mi_characters_in_napd_the_newest_kept()
    {
        var swarm = TwoTasks();
        var wide = new string('x', 40 * 1024);
        swarm.Logs["nap-web-3"] = [.. Enumerable.Range(0, 1000).Select(i => new ServiceLogLine("a", "wrk1", T0.AddSeconds(i), $"{i:D4} {wide}"))];

        var lines = new List<ServiceLogEntry>();
        await foreach (var entry in new ServiceLogs(swarm, TimeProvider.System).ReadAsync("web", "nap-web-3", 100000, follow: false, CancellationToken.None))
            lines.Add(entry);

        Assert.InRange(lines.Sum(l => (long)l.Text.Length), ServiceLogs.BacklogCharacters - wide.Length - 100, ServiceLogs.BacklogCharacters + 100 * lines.Count);
        Assert.StartsWith("web.1@w1 | 0999 ", lines[^1].Text);
        Assert.True(lines.Count < 1000, $"{lines.Count} lines of 40 KiB held");
    }

    [Fact]
    public async Task Following_goes_on_from_the_newest_line_shown_without_showing_it_twice_until_the_client_leaves()
    {
        var swarm = TwoTasks();
        // The engine's since is inclusive: b3, the newest line shown, comes again first.
        swarm.Followed.AddRange([
            new("c", "mgr1", T0.AddSeconds(7), "c1 on a task the engine no longer lists"),
            ServiceLogLine.Engine("Error grabbing logs: node w2 is down"),
        ]);
        using var leave = new CancellationTokenSource();

        var lines = new List<ServiceLogEntry>();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var entry in new ServiceLogs(swarm, TimeProvider.System).ReadAsync("web", "nap-web-3", 1, follow: true, leave.Token))
            {
                lines.Add(entry);
                if (entry.FromEngine)
                    await leave.CancelAsync();
            }
        });

        Assert.Equal(
            [
                new ServiceLogEntry("web.2@w2 | b3", false),
                new ServiceLogEntry("web.?@primary | c1 on a task the engine no longer lists", false),
                new ServiceLogEntry("Error grabbing logs: node w2 is down", true),
            ],
            lines);
        Assert.Equal([new ServiceLogQuery(1, false, null), new ServiceLogQuery(null, true, T0.AddSeconds(6))], swarm.Queries);
    }

    [Fact]
    public async Task A_service_the_engine_does_not_have_is_one_line_naming_it()
    {
        var swarm = TwoTasks();

        var error = await Assert.ThrowsAsync<DockerSwarmException>(async () =>
        {
            await foreach (var _ in new ServiceLogs(swarm, TimeProvider.System).ReadAsync("web", "nap-web-9", 10, follow: false, CancellationToken.None))
            {
            }
        });

        Assert.Equal("the engine has no service nap-web-9", error.Message);
    }

    /// <summary>A journal no cluster release may read: its units do not exist there.</summary>
    sealed class NoJournal : IJournal
    {
        public Task<string?> CursorAsync(CancellationToken ct) => throw new InvalidOperationException("a cluster release's logs asked journald");

        public IAsyncEnumerable<JournalEntry> ReadAsync(JournalQuery query, CancellationToken ct) => throw new InvalidOperationException("a cluster release's logs asked journald");
    }

    static async Task<TestNapd> NapdWithClusterReleaseAsync(FakeSwarm swarm, int followers = 4)
    {
        var napd = await TestNapd.StartAsync(
            s => s.Replace(ServiceDescriptor.Singleton<ISwarm>(swarm)).Replace(ServiceDescriptor.Singleton<IJournal>(new NoJournal())),
            config: c => c.WithLimits(c.Limits.WithConnectionsPerKey(8, followers)));
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "web");
        await napd.Get<AppStateStore>().UpdateAsync("web", a => a
            .WithRelease(new Release(3, "abc", Keys.Alice, DateTimeOffset.UnixEpoch, "nap/web:3", null, ReleaseResult.Deployed).WithService("nap-web-3", []))
            .WithCurrentRelease(3));
        return napd;
    }

    [Fact]
    public async Task The_logs_verb_reads_a_cluster_release_through_the_engine_and_never_journald()
    {
        await using var napd = await NapdWithClusterReleaseAsync(TwoTasks());

        var logs = await napd.SendAsync(Keys.Alice, "logs", "web", "-n", "2");

        Assert.Equal((0, "web.1@w1 | a3\nweb.2@w2 | b3\n", ""), (logs.Code, logs.Out, logs.Err));
    }

    [Fact]
    public async Task An_engine_that_cannot_give_the_logs_is_one_line_naming_what_failed_and_what_to_check()
    {
        var swarm = TwoTasks();
        swarm.Logs.Clear();
        await using var napd = await NapdWithClusterReleaseAsync(swarm);

        var logs = await napd.SendAsync(Keys.Alice, "logs", "web");

        Assert.Equal(
            (1, "", "cannot read the logs of web's service: the engine has no service nap-web-3; check the engine (systemctl status docker, docker service ps nap-web-3) and try again\n"),
            (logs.Code, logs.Out, logs.Err));
    }

    [Fact]
    public async Task A_cluster_follower_takes_one_of_its_keys_logFollowersPerKey_slots_as_a_journal_follower_does()
    {
        await using var napd = await NapdWithClusterReleaseAsync(TwoTasks(), followers: 1);
        using var leave = new CancellationTokenSource();
        var first = new StringWriter();
        var following = NapClient.SendAsync(napd.Paths.Socket, new NapRequest("logs", ["web", "-f"], Keys.Alice), first, TextWriter.Null, leave.Token);
        for (var i = 0; i < 500 && !first.ToString().Contains("b3", StringComparison.Ordinal); i++)
            await Task.Delay(10);

        var second = await napd.SendAsync(Keys.Alice, "logs", "web", "-f");
        var plain = await napd.SendAsync(Keys.Alice, "logs", "web", "-n", "1");

        Assert.Equal((1, "key alice follows 1 logs already, as many as this host allows (limits.logFollowersPerKey in /etc/nap/napd.json): end one and try again\n"), (second.Code, second.Err));
        Assert.Equal((0, "web.2@w2 | b3\n"), (plain.Code, plain.Out));
        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => following);
    }
}
