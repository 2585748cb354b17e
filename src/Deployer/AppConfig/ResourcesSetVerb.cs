using System.Text.RegularExpressions;
using Nap.Deployer.Apps;
using Nap.Deployer.Releases;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.AppConfig;

/// <summary>
/// `resources:set APP memory=256M cpus=0.5`: container limits applied by a new release; an empty value puts back
/// the host's (memory: limits.memoryMegabytes; cpus: none), and memory stops at limits.memoryMaxMegabytes.
/// </summary>
public sealed partial class ResourcesSetVerb(AppDoor door, AppStateStore store, Redeploy redeploy, NapdConfig config) : AppVerb(door)
{
    [GeneratedRegex("^[0-9]{1,12}[bkmgBKMG]?$")]
    private static partial Regex Memory();

    [GeneratedRegex("^[0-9]{1,3}(\\.[0-9]{1,3})?$")]
    private static partial Regex Cpus();

    public override string Verb => "resources:set";

    static string[][] Changes(VerbContext context) => [.. context.Args.Skip(1).Select(a => a.Split('=', 2))];

    protected override string? Refusal(VerbContext context) => Changes(context) switch
    {
        [] => "usage: resources:set APP memory=256M cpus=0.5",
        var changes => changes.Select(Problem).Concat(changes.Select(AboveCeiling)).FirstOrDefault(e => e is not null),
    };

    string? AboveCeiling(string[] change) =>
        change is ["memory", { Length: > 0 } v] && AppResources.AboveCeiling(v, config.Limits)
            ? $"memory={Untrusted.Printable(v)} is more than one container may have here, {config.Limits.MemoryMaxMegabytes}m ({TenantLimits.Name("memoryMaxMegabytes")})"
            : null;

    string Described(AppResources resources) =>
        $"memory {resources.MemoryUnder(config.Limits) ?? "unlimited"}{(resources.Memory is null && config.Limits.MemoryMegabytes != 0 ? " (the host's default)" : "")}, cpus {resources.Cpus ?? "unlimited"}";

    protected override async Task<int> RunAsync(AppState locked, VerbContext context, CancellationToken ct)
    {
        var previous = locked.Resources;
        var app = await store.UpdateAsync(locked.Name, a => a.WithResources(Changes(context).Aggregate(a.Resources, Apply)), ct);
        await context.Reply.StepAsync($"{app.Name}: {Described(app.Resources)}");
        return await redeploy.RunOrUndoAsync(app, "new limits as release", async () =>
        {
            await store.UpdateAsync(app.Name, a => a.WithResources(previous), CancellationToken.None);
            await context.Reply.ErrAsync(RemoteLines.Step($"{app.Name}: limits left as they were ({Described(previous)})"));
        }, context, ct);
    }

    const long DockerMinimumMemory = 6 * 1024 * 1024;

    static AppResources Apply(AppResources resources, string[] change) => change[0] == "memory"
        ? resources.WithMemory(change[1].Length == 0 ? null : change[1])
        : resources.WithCpus(change[1].Length == 0 ? null : change[1]);

    static string? Problem(string[] change) => change switch
    {
        ["memory", var v] when Memory().IsMatch(v) && AppResources.Bytes(v) < DockerMinimumMemory =>
            $"memory={Untrusted.Printable(v)} is below docker's minimum of 6M: give the app at least memory=6M",
        ["memory", var v] when v.Length == 0 || Memory().IsMatch(v) => null,
        ["cpus", var v] when v.Length == 0 || Cpus().IsMatch(v) => null,
        ["memory" or "cpus", var v] => $"'{Untrusted.Printable(v)}' is not a valid {change[0]} value (memory=256M, cpus=0.5)",
        _ => $"'{Untrusted.Printable(string.Join('=', change))}': only memory=SIZE and cpus=N can be set",
    };
}
