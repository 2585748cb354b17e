using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// `git-receive-pack APP`, asked by nap-receive before it execs git: may this key push, and is the
/// repository ready? A new app belongs to the first key that pushes it. A refusal writes nothing.
/// </summary>
public sealed class ReceivePackVerb(AppStateStore store, RepoStore repos, TimeProvider clock) : IVerbHandler
{
    public string Verb => "git-receive-pack";

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        var name = context.Args.Count == 1 ? context.App : null;
        if (AppName.Validate(name) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return 1;
        }

        var (app, created) = await store.CreateIfAbsentAsync(name!, context.Caller.Key, clock.GetUtcNow(), ct);
        if (!created && !AccessPolicy.CanUse(app, context.Caller))
        {
            await context.Reply.ErrAsync(AccessPolicy.Denied(app.Name, context.Caller));
            return 1;
        }

        repos.EnsureCreated(app.Name);
        repos.InstallHooks(app.Name);
        if (created)
            await context.Reply.ErrAsync(RemoteLines.Step($"Created {app.Name}, owned by key {app.Owner}"));
        return 0;
    }
}
