using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap;

namespace Nap.Host.Tests;

/// <summary>
/// `logs` on the three-host cluster (<see cref="ClusterHost"/>): a release's tasks log into their own node's journal,
/// and `logs APP` reads every one of them through the engine, each line saying `APP.SLOT@NODE | `.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed partial class ClusterLogsSpecs(ClusterHost cluster) : IAsyncLifetime
{
    readonly NapHost host = cluster.Primary;
    readonly List<string> made = [];

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    /// <summary>hello with /cgi-bin/say?WORD, which writes "app says WORD" to the task's stderr (its node's journal).</summary>
    async Task<GitWorkTree> PushSayingAppAsync(string name)
    {
        made.Add(name);
        var app = await GitWorkTree.CreateAsync(host, "hello");
        Directory.CreateDirectory(app.File("www/cgi-bin"));
        var say = app.File("www/cgi-bin/say");
        await File.WriteAllTextAsync(say, "#!/bin/sh\necho \"app says $QUERY_STRING\" >&2\necho 'Content-Type: text/plain'\necho\necho said\n");
        (await Run.Async("chmod", ["755", say])).EnsureSuccess("chmod");
        await app.CommitAsync("say page");
        var push = await app.PushAsync(name);
        Assert.True(Deployed().IsMatch(push.Output), push.ToString());
        return app;
    }

    sealed record TaskRow(long Slot, string Node, string Address, int Port);

    async Task<TaskRow[]> TasksAsync(string app)
    {
        var ps = await host.Ssh($"ps {app} --json");
        Assert.True(ps.ExitCode == 0, ps.ToString());
        using var json = JsonDocument.Parse(ps.Stdout);
        return [.. json.RootElement.GetProperty("tasks").EnumerateArray()
            .Select(t => new TaskRow(t.GetProperty("slot").GetInt64(), t.GetProperty("node").GetString()!, t.GetProperty("address").GetString()!, t.GetProperty("port").GetInt32()))];
    }

    /// <summary>Asks the task itself, at its node's address, to log a line: not through the front door, which picks one.</summary>
    async Task SayAsync(TaskRow task, string word) =>
        (await host.Exec("curl", "-fsS", $"http://{task.Address}:{task.Port}/cgi-bin/say?{word}")).EnsureSuccess($"say {word} at {task.Node}");

    static string Line(string app, TaskRow task, string word) => $"{app}.{task.Slot}@{task.Node} | app says {word}";

    /// <summary>The nodes' journals reach the engine's reader a moment after the line was written: ask until it is there (bounded).</summary>
    async Task<ExecResult> LogsUntilAsync(string command, params string[] expected)
    {
        var until = DateTime.UtcNow + Within;
        while (true)
        {
            var logs = await host.Ssh(command);
            if (expected.All(e => logs.Stdout.Contains(e, StringComparison.Ordinal)) || DateTime.UtcNow > until)
                return logs;
            await Task.Delay(500);
        }
    }

    async Task<TaskRow[]> ScaledToTwoNodesAsync(string app)
    {
        var scale = await host.Ssh($"ps:scale {app} 2");
        Assert.True(scale.ExitCode == 0, scale.ToString());
        var tasks = await TasksAsync(app);
        Assert.Equal(2, tasks.Length);
        // The engine spreads a service's tasks over the nodes: two tasks, two nodes, at least one a worker.
        Assert.NotEqual(tasks[0].Node, tasks[1].Node);
        return tasks;
    }

    [Fact]
    public async Task Logs_show_the_lines_of_every_task_on_every_node_each_with_its_slot_and_node_and_n_counts_across_the_service()
    {
        using var app = await PushSayingAppAsync("clog-all");
        var tasks = await ScaledToTwoNodesAsync("clog-all");

        foreach (var task in tasks)
            await SayAsync(task, $"hi-from-{task.Node}");
        var logs = await LogsUntilAsync("logs clog-all", [.. tasks.Select(t => Line("clog-all", t, $"hi-from-{t.Node}"))]);

        Assert.True(logs.ExitCode == 0, logs.ToString());
        foreach (var task in tasks)
            Assert.Contains(Line("clog-all", task, $"hi-from-{task.Node}") + "\n", logs.Stdout);
        // Nothing of the single host's journald path: no instance units, and every line says where it came from.
        Assert.All(logs.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Matches(@"^clog-all\.\d+@\S+ \| ", l));

        await SayAsync(tasks[1], "the-newest");
        await LogsUntilAsync("logs clog-all", Line("clog-all", tasks[1], "the-newest"));
        var last = await host.Ssh("logs clog-all -n 1");
        Assert.True(last.ExitCode == 0, last.ToString());
        Assert.Equal(Line("clog-all", tasks[1], "the-newest") + "\n", last.Stdout);
        var two = await host.Ssh("logs clog-all -n 2");
        Assert.Equal(2, two.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Logs_follow_on_a_cluster_streams_a_line_a_worker_task_writes_while_connected_and_ends_with_the_client()
    {
        using var app = await PushSayingAppAsync("clog-follow");
        var tasks = await ScaledToTwoNodesAsync("clog-follow");
        var worker = tasks.First(t => t.Address != host.Ip);
        await SayAsync(worker, "before-following");
        var before = Line("clog-follow", worker, "before-following");
        await LogsUntilAsync("logs clog-follow", before);
        var lines = new ConcurrentQueue<string>();
        // Killed on hang-up, not interrupted: see OperateSpecs' follower (SIGINT may be ignored in a background run).
        using var hangUp = new CancellationTokenSource();
        var ssh = Cli.Wrap("ssh")
            .WithArguments([.. host.SshOptions(host.TestKey), $"nap@{host.Ip}", "logs clog-follow -f"])
            .WithValidation(CommandResultValidation.None)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(lines.Enqueue))
            .ExecuteAsync(hangUp.Token);
        await UntilAsync(() => lines.Contains(before));

        // Written after the follower's backlog was read, so it comes through the followed stream, which goes on from
        // the backlog's newest line (the engine's since includes that line: it must not show twice).
        await SayAsync(worker, "while-following");
        var expected = Line("clog-follow", worker, "while-following");
        await UntilAsync(() => lines.Contains(expected));
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);

        Assert.Single(lines, l => l == before);
        Assert.Single(lines, l => l == expected);
        Assert.Equal(expected, lines.Last());
    }

    static async Task UntilAsync(Func<bool> done)
    {
        for (var until = DateTime.UtcNow + Within; !done() && DateTime.UtcNow < until;)
            await Task.Delay(100);
    }

    [Fact]
    public async Task A_key_following_cluster_logs_up_to_its_limit_is_refused_one_more_follower_as_on_a_single_host()
    {
        using var app = await PushSayingAppAsync("clog-limit");
        var task = Assert.Single(await TasksAsync("clog-limit"));
        await SayAsync(task, "backlog");
        var backlog = Line("clog-limit", task, "backlog");
        await LogsUntilAsync("logs clog-limit", backlog);
        var followers = new List<(ConcurrentQueue<string> Lines, CommandTask<CommandResult> Ssh)>();
        using var hangUp = new CancellationTokenSource();
        try
        {
            // napd's default limits.logFollowersPerKey is 4; each follower holds its slot once it printed its backlog.
            for (var i = 0; i < 4; i++)
            {
                var lines = new ConcurrentQueue<string>();
                followers.Add((lines, Cli.Wrap("ssh")
                    .WithArguments([.. host.SshOptions(host.TestKey), $"nap@{host.Ip}", "logs clog-limit -f"])
                    .WithValidation(CommandResultValidation.None)
                    .WithStandardOutputPipe(PipeTarget.ToDelegate(lines.Enqueue))
                    .ExecuteAsync(hangUp.Token)));
            }
            for (var until = DateTime.UtcNow + Within; followers.Any(f => !f.Lines.Contains(backlog)) && DateTime.UtcNow < until;)
                await Task.Delay(250);
            Assert.All(followers, f => Assert.Contains(backlog, f.Lines));

            var fifth = await host.Ssh("logs clog-limit -f");

            Assert.NotEqual(0, fifth.ExitCode);
            Assert.Contains("follows 4 logs already, as many as this host allows (limits.logFollowersPerKey in /etc/nap/napd.json)", fifth.Stderr);
        }
        finally
        {
            await hangUp.CancelAsync();
            foreach (var (_, ssh) in followers)
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);
        }
        // The hang-ups reach napd, whose engine streams end and give the slots back: four new followers are taken again.
        Assert.Contains(backlog, (await host.Ssh("logs clog-limit -n 5")).Stdout);
        var again = await FollowersUntilAsync("clog-limit", 4, backlog);
        Assert.Equal(4, again);
    }

    /// <summary>Starts up to <paramref name="count"/> followers one at a time (bounded), each kept until it printed <paramref name="line"/>; how many got in.</summary>
    async Task<int> FollowersUntilAsync(string app, int count, string line)
    {
        using var hangUp = new CancellationTokenSource();
        var running = new List<CommandTask<CommandResult>>();
        var until = DateTime.UtcNow + Within;
        try
        {
            while (running.Count < count && DateTime.UtcNow < until)
            {
                var lines = new ConcurrentQueue<string>();
                var errors = new ConcurrentQueue<string>();
                var ssh = Cli.Wrap("ssh")
                    .WithArguments([.. host.SshOptions(host.TestKey), $"nap@{host.Ip}", $"logs {app} -f"])
                    .WithValidation(CommandResultValidation.None)
                    .WithStandardOutputPipe(PipeTarget.ToDelegate(lines.Enqueue))
                    .WithStandardErrorPipe(PipeTarget.ToDelegate(errors.Enqueue))
                    .ExecuteAsync(hangUp.Token);
                while (!lines.Contains(line) && !ssh.Task.IsCompleted && DateTime.UtcNow < until)
                    await Task.Delay(100);
                if (lines.Contains(line))
                    running.Add(ssh);
                else
                    // Refused while an earlier follower's slot is still being given back: try again.
                    await Task.Delay(250);
            }
            return running.Count;
        }
        finally
        {
            await hangUp.CancelAsync();
            foreach (var ssh in running)
                await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ssh);
        }
    }

    [Fact]
    public async Task Another_key_cannot_read_or_follow_the_logs_of_a_cluster_app()
    {
        using var app = await PushSayingAppAsync("clog-mine");
        var task = Assert.Single(await TasksAsync("clog-mine"));
        await SayAsync(task, "secret-of-clog-mine");
        await LogsUntilAsync("logs clog-mine", "secret-of-clog-mine");
        var second = await host.AddKeyAsync("clog-other");

        foreach (var verb in new[] { "logs clog-mine", "logs clog-mine -n 1", "logs clog-mine -f" })
        {
            var refused = await host.Ssh(second, [], verb);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("no such app for key clog-other", refused.Stderr);
            Assert.DoesNotContain("secret-of-clog-mine", refused.Stdout + refused.Stderr);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>
    /// Each spec's app goes with it: the collection's later specs (a lost worker's, whose every task move is an nginx
    /// reload) meet only the services they made.
    /// </summary>
    public async Task DisposeAsync()
    {
        foreach (var app in made)
            await host.Ssh($"destroy {app} --force");
    }
}
