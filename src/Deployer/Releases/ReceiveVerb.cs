using Nap.Deployer.Apps;
using Nap.Deployer.Repos;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Releases;

/// <summary>
/// `receive APP "OLD NEW REF"...` from the pre-receive hook: the deploy branch's new revision is
/// deployed from git's quarantine; other refs are only stored. A non-zero exit rejects the push.
/// </summary>
public sealed class ReceiveVerb(AppDoor door, DeployPipeline pipeline, GitArchive archive, RepoRevisions revisions, LandingRefs landing) : AppVerb(door)
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
            if (!app.IsDeployRef(update.Ref))
            {
                await context.Reply.StepAsync($"{update.Ref} stored, not deployed (only {DeployBranches(app)} deploys)");
                continue;
            }
            if (update.IsDeletion)
            {
                if (app.CurrentRelease is not null && !app.Stopped)
                {
                    await context.Reply.ProblemAsync($"{update.Ref} is what {app.Name} runs: it cannot be deleted while the app runs (stop it first: ssh nap@HOST stop {app.Name})");
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
            code = await pipeline.DeployAsync(app.Name, update.New, context.Caller.Key,
                (dest, token) => archive.ExtractQuarantinedAsync(app.Name, update.New, ObjectEnv(context), dest, token),
                context.Reply, ct);
            if (code != 0)
                return code;
            landing.Expect(app.Name, update.Ref, update.New);
        }
        return code;
    }

    // The hook forwards more of git's environment (GIT_DIR, ...); only the object directories matter here,
    // and GitArchive names the repository itself.
    static IReadOnlyDictionary<string, string>? ObjectEnv(VerbContext context) =>
        context.Request.GitEnv?.Where(kv => GitQuarantine.Names.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    static string DeployBranches(AppState app) =>
        app.DeployBranch ?? string.Join(" or ", AppState.DefaultDeployBranches);

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
