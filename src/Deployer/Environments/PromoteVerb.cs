using Nap.Deployer.Apps;
using Nap.Deployer.Cluster;
using Nap.Deployer.Docker;
using Nap.Deployer.Releases;
using Nap.Deployer.Systemd;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>
/// `promote APP FROM TO`: TO runs the image FROM runs now (the same image id: built once, promoted as is), with TO's
/// config, limits, health gate and switch. FROM must be running and healthy: a promotion ships what was tried.
/// On a cluster FROM's release is a service, healthy while one of its tasks serves. The key must reach both environments.
/// </summary>
public sealed class PromoteVerb(AppDoor door, AppStateStore store, AppGate gate, Redeploy redeploy, ISystemd systemd, IDocker docker, ServiceRunner services) : AppVerb(door, AppGate.Need.Reach)
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
        if (await SicknessAsync(from.Name, source, ct) is { } sickness)
        {
            await context.Reply.ErrAsync($"{app.Name}: environment {fromEnv} release {source.Number} is not healthy ({sickness}): nothing promoted; see status {app.Name} --env {fromEnv}");
            return 1;
        }
        await context.Reply.StepAsync($"Promoting {fromEnv} release {source.Number} ({ReleaseNames.Short(source.Revision)}, {source.Image}) to {AppSlot.EnvOf(to.Name)}: no build");
        return await redeploy.PromoteAsync(from, source, to, context, ct);
    }

    /// <summary>
    /// Why FROM's release is not fit to promote, or null: on one host its unit is active and its container healthy; on a
    /// cluster its service has a serving task (as a deploy of the running revision judges it), where no unit or container
    /// of it exists on this host.
    /// </summary>
    async Task<string?> SicknessAsync(string slot, Release source, CancellationToken ct)
    {
        if (source.Service is { } service)
        {
            try
            {
                return TaskPlace.Serving(await services.PlacesAsync(service, ct)).Count > 0 ? null : $"service {service} has no running task";
            }
            catch (DockerSwarmException e)
            {
                return $"the engine does not say where service {service} runs: {e.Message.ReplaceLineEndings(" ")}";
            }
        }
        var unit = await systemd.StateAsync(ReleaseNames.Instance(slot, source.Number), ct);
        var health = await docker.HealthAsync(ReleaseNames.Container(slot, source.Number), ct);
        return unit.ActiveState == "active" && health is (ContainerHealth.Healthy or ContainerHealth.NoHealthCheck)
            ? null
            : $"{unit.ActiveState}, {health.ToString().ToLowerInvariant()}";
    }
}
