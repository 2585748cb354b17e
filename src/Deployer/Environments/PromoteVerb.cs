using Nap.Deployer.Apps;
using Nap.Deployer.Docker;
using Nap.Deployer.Releases;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>
/// `promote APP FROM TO`: TO runs the image FROM runs now (the same image id: built once, promoted as is), with TO's
/// config, limits, health gate and switch. FROM must be running and healthy: a promotion ships what was tried.
/// The key must reach both environments.
/// </summary>
public sealed class PromoteVerb(AppDoor door, AppStateStore store, AppGate gate, Redeploy redeploy, ISystemd systemd, IDocker docker) : AppVerb(door, AppGate.Need.Reach)
{
    public override string Verb => "promote";

    protected override string? Refusal(VerbContext context) =>
        context.Env is not null || context.Args.Count != 3
            ? "usage: promote APP FROM TO (e.g. promote shop staging production)"
            : EnvName.Validate(context.Args[1]) ?? EnvName.Validate(context.Args[2])
              ?? (context.Args[1] == context.Args[2] ? "promote: FROM and TO are the same environment; to run its release again: restart" : null);

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var granted = await gate.GrantedEnvironmentsAsync(app, context.Caller, ct);
        var slots = new List<AppState>();
        foreach (var env in context.Args.Skip(1))
        {
            var slot = await store.ReadAsync(AppSlot.Of(app.Name, env), ct);
            if (slot is null ? !AccessPolicy.CanUse(app, context.Caller) : !AccessPolicy.CanUse(app, slot, context.Caller))
            {
                await context.Reply.ErrAsync(AccessPolicy.LacksEnvironment(app.Name, env, granted, context.Caller));
                return 1;
            }
            if (slot is null)
            {
                await context.Reply.ErrAsync($"{app.Name}: no environment '{env}' (envs {app.Name} lists them)");
                return 1;
            }
            slots.Add(slot);
        }
        var (from, to) = (slots[0], slots[1]);
        var fromEnv = AppSlot.EnvOf(from.Name);
        if (from.Current is not { } source || from.Stopped)
        {
            await context.Reply.ErrAsync($"{app.Name}: environment {fromEnv} runs nothing to promote (deploy it first: git push its branch)");
            return 1;
        }
        var unit = await systemd.StateAsync(ReleaseNames.Instance(from.Name, source.Number), ct);
        var health = await docker.HealthAsync(ReleaseNames.Container(from.Name, source.Number), ct);
        if (unit.ActiveState != "active" || health is not (ContainerHealth.Healthy or ContainerHealth.NoHealthCheck))
        {
            await context.Reply.ErrAsync($"{app.Name}: environment {fromEnv} release {source.Number} is not healthy ({unit.ActiveState}, {health.ToString().ToLowerInvariant()}): nothing promoted; see status {app.Name} --env {fromEnv}");
            return 1;
        }
        await context.Reply.StepAsync($"Promoting {fromEnv} release {source.Number} ({ReleaseNames.Short(source.Revision)}, {source.Image}) to {AppSlot.EnvOf(to.Name)}: no build");
        return await redeploy.PromoteAsync(from, source, to, context, ct);
    }
}
