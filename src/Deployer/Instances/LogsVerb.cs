using System.Globalization;
using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Settings;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Instances;

/// <summary>
/// `logs APP [-n N] [-f]`: the current release's journal; on a cluster its service's lines from every node, read through
/// the engine. -f follows until the client hangs up.
/// </summary>
public sealed class LogsVerb(AppDoor door, IJournal journal, ServiceLogs serviceLogs, NapdConfig config) : AppVerb(door, waitsForLock: false)
{
    // Each follower holds a journalctl process (or an engine log stream) and a connection until its client leaves.
    readonly KeySlots followers = new(config.Limits.LogFollowersPerKey);

    public override string Verb => "logs";

    protected override string? Refusal(VerbContext context) => Options(context.Args.Skip(1).ToArray()).Error;

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var (lines, follow, _) = Options(context.Args.Skip(1).ToArray());
        if (app.Current is not { } current)
        {
            await context.Reply.ErrAsync($"{app.Name} has no release yet");
            return 1;
        }

        using var following = follow ? followers.TryTake(context.Caller) : null;
        if (follow && following is null)
        {
            await context.Reply.ErrAsync($"key {context.Caller.Key} follows {followers.Limit} logs already, as many as this host allows ({TenantLimits.Name("logFollowersPerKey")}): end one and try again");
            return 1;
        }
        if (current.Service is { } service)
            return await ServiceAsync(app.Name, service, lines, follow, context, ct);
        var units = InstanceRunner.UnitsOf(app.Name, current).ToArray();
        var query = new JournalQuery(units[0], Lines: lines, Follow: follow).WithMoreUnits(units.Skip(1));
        await foreach (var entry in journal.ReadAsync(query, ct))
            await context.Reply.OutAsync(entry.Message);
        return 0;
    }

    async Task<int> ServiceAsync(string app, string service, int lines, bool follow, VerbContext context, CancellationToken ct)
    {
        try
        {
            await foreach (var entry in serviceLogs.ReadAsync(app, service, lines, follow, ct))
            {
                if (entry.FromEngine)
                    await context.Reply.ErrAsync(entry.Text);
                else
                    await context.Reply.OutAsync(entry.Text);
            }
        }
        catch (DockerSwarmException e)
        {
            await context.Reply.ErrAsync($"cannot read the logs of {app}'s service: {e.Message}; check the engine (systemctl status docker, docker service ps {service}) and try again");
            return 1;
        }
        return 0;
    }

    static (int Lines, bool Follow, string? Error) Options(string[] args)
    {
        var (lines, follow) = (100, false);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "-f")
                follow = true;
            else if (args[i] == "-n" && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out lines) && lines <= 100000)
                i++;
            else
                return (0, false, "usage: logs APP [-n N] [-f]");
        }
        return (lines, follow, null);
    }
}
