using Nap.Deployer.Apps;
using Nap.Deployer.Repos;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// `receive APP "OLD NEW REF"...` from the pre-receive hook: each ref that is an environment's branch deploys that
/// environment (production: master or main) from git's quarantine; with review apps on, any other branch deploys
/// an environment of its own, and its deletion removes it; other refs are only stored. A non-zero exit rejects the push.
/// </summary>
public sealed class ReceiveVerb(
    AppDoor door, DeployPipeline pipeline, GitArchive archive, RepoRevisions revisions, LandingRefs landing,
    EnvironmentSlots environments, AppStateStore store, AppRemoval removal, AppGate gate, NapdConfig config, TimeProvider clock) : AppVerb(door, AppGate.Need.Reach)
{
    const string Zero = "0000000000000000000000000000000000000000";

    public override string Verb => Protocol.Verbs.Receive;

    protected override string? Refusal(VerbContext context) =>
        context.Args.Skip(1).All(line => RefUpdate.Parse(line) is not null) ? null : "receive: expected 'OLD NEW REF' lines from the pre-receive hook";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var updates = context.Args.Skip(1).Select(RefUpdate.Parse).ToArray();
        await landing.SettleAsync(app.Name, ct);
        var code = 0;
        foreach (var update in updates.OfType<RefUpdate>())
        {
            var all = await environments.AllAsync(app, ct);
            var target = EnvironmentSlots.ForRef(all, update.Ref);
            var created = false;
            if (target is null)
            {
                if (app.ReviewApps is null || update.IsDeletion || ReviewName.BranchOf(update.Ref) is not { } branch)
                {
                    await context.Reply.StepAsync($"{Untrusted.Printable(update.Ref)} stored, not deployed (only {Deploying(all)})");
                    continue;
                }
                if (!AccessPolicy.CanUse(app, context.Caller))
                {
                    await context.Reply.StepAsync($"{Untrusted.Printable(update.Ref)} stored, not deployed: review apps of {app.Name} are for keys with access to the whole app");
                    continue;
                }
                var name = ReviewName.For(branch);
                if (store.Exists(AppSlot.Of(app.Name, name)))
                {
                    await context.Reply.StepAsync($"{Untrusted.Printable(update.Ref)} stored, not deployed: environment {name} of {app.Name} deploys another branch");
                    continue;
                }
                var (slot, refusal) = await environments.CreateAsync(app, name, branch, review: true, context.Caller, ct);
                if (slot is null)
                {
                    await context.Reply.ProblemAsync(refusal!);
                    return 1;
                }
                (target, created) = (slot, true);
            }
            var env = AppSlot.EnvOf(target.Name);
            if (!AccessPolicy.CanUse(app, target, context.Caller))
            {
                await context.Reply.ProblemAsync($"{Untrusted.Printable(update.Ref)} deploys environment {env}: " +
                    AccessPolicy.LacksEnvironment(app.Name, env, await gate.GrantedEnvironmentsAsync(app, context.Caller, ct), context.Caller));
                return 1;
            }
            if (update.IsDeletion)
            {
                if (target.Review)
                {
                    await removal.RemoveAsync(target);
                    await context.Reply.DoneAsync($"review app {env} of {app.Name} removed with its branch");
                    continue;
                }
                if (target.CurrentRelease is not null && !target.Stopped)
                {
                    await context.Reply.ProblemAsync(AppSlot.IsEnvironment(target.Name)
                        ? $"{update.Ref} is what environment {env} of {app.Name} runs: it cannot be deleted while it runs (remove the environment first: ssh nap@HOST envs:remove {app.Name} {env})"
                        : $"{update.Ref} is what {app.Name} runs: it cannot be deleted while the app runs (stop it first: ssh nap@HOST stop {app.Name})");
                    return 1;
                }
                continue;
            }
            // git compares the ref with OLD only after this hook: a push that waited for another one's deploy
            // would run its revision and then lose the ref update. Refuse it before anything runs.
            var now = revisions.RefTarget(app.Name, update.Ref) ?? Zero;
            if (now != update.Old)
            {
                await context.Reply.ProblemAsync($"{update.Ref} moved to {ReleaseNames.Short(now)} while this push waited: fetch, merge and push again");
                return 1;
            }
            if (target.Review)
                target = await store.UpdateAsync(target.Name, s => s.WithLastPush(clock.GetUtcNow()), ct);
            code = await pipeline.DeployAsync(target.Name, update.New, context.Caller.Key,
                (dest, token) => archive.ExtractQuarantinedAsync(app.Name, update.New, ObjectEnv(context), dest, token),
                context.Reply, ct);
            if (code != 0)
            {
                // A review app whose first deploy failed serves nothing: it goes, and the branch is not stored either.
                if (created && await store.ReadAsync(target.Name, CancellationToken.None) is { } failed)
                    await removal.RemoveAsync(failed);
                return code;
            }
            if (target.Review && await store.ReadAsync(target.Name, ct) is { } live)
                await context.Reply.DoneAsync($"review app {env} of {app.Name}: {AppAddress.Address(config, live)}");
            landing.Expect(app.Name, update.Ref, update.New);
        }
        return code;
    }

    // The hook forwards more of git's environment (GIT_DIR, ...); only the object directories matter here,
    // and GitArchive names the repository itself.
    static IReadOnlyDictionary<string, string>? ObjectEnv(VerbContext context) =>
        context.Request.GitEnv?.Where(kv => GitQuarantine.Names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    static string Deploying(IReadOnlyList<AppState> all) => all.Count == 1
        ? EnvironmentSlots.Branches(all[0]) + " deploys"
        : string.Join(", ", all.Select(e => $"{Untrusted.Printable(EnvironmentSlots.Branches(e))} ({AppSlot.EnvOf(e.Name)})")) + " deploy";

    sealed record RefUpdate(string Old, string New, string Ref)
    {
        public bool IsDeletion => New.All(c => c == '0');

        public static RefUpdate? Parse(string line)
        {
            var parts = line.Split(' ');
            return parts.Length == 3 && parts[2].StartsWith("refs/", StringComparison.Ordinal) && parts[1].Length >= Zero.Length
                ? new RefUpdate(parts[0], parts[1], parts[2])
                : null;
        }
    }
}
