using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Environments;

/// <summary>`envs:add APP ENV --branch BRANCH`: a new environment; pushes to BRANCH deploy it, `VERB APP --env ENV` acts on it.</summary>
public sealed class EnvsAddVerb(AppDoor door, EnvironmentSlots environments) : AppVerb(door, AppGate.Need.Manage)
{
    public override string Verb => "envs:add";

    protected override string? Refusal(VerbContext context) =>
        context.Env is not null || context.Args is not [_, _, "--branch", _]
            ? "usage: envs:add APP ENV --branch BRANCH (e.g. envs:add shop staging --branch develop)"
            : EnvName.Validate(context.Args[1]) ?? BranchName.Validate(context.Args[3]);

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var (env, branch) = (context.Args[1], context.Args[3]);
        var (slot, refusal) = await environments.CreateAsync(app, env, branch, review: false, context.Caller, ct);
        if (slot is null)
        {
            await context.Reply.ErrAsync(refusal!);
            return 1;
        }
        await context.Reply.DoneAsync($"{app.Name}: environment {env} added; pushes to {branch} deploy it (git push nap@HOST:{app.Name} {branch}), and any verb takes --env {env}");
        return 0;
    }
}
