using System.Text;
using Nap.Deployer.Hooks;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>Issue 15's table: how each delivery is answered, what is recorded, and that only a signed push of the configured branch deploys.</summary>
public sealed class HookReceiverSpecs : IDisposable
{
    const string App = "shop";
    readonly TestDir dir = new();
    readonly Queue queue = new();
    readonly NapPaths paths;
    readonly HookStore store;
    readonly DeliveryLog log;
    readonly HookReceiver receiver;

    sealed class Queue : IHookDeployQueue
    {
        public List<HookDeploys.Job> Jobs { get; } = [];

        public void Enqueue(HookDeploys.Job job) => Jobs.Add(job);
    }

    public HookReceiverSpecs()
    {
        paths = new NapPaths(dir.Path, dir.Sub("etc"), dir.Sub("run"));
        store = new HookStore(paths);
        log = new DeliveryLog(paths);
        receiver = new HookReceiver(store, log, queue, TimeProvider.System);
    }

    public void Dispose() => dir.Dispose();

    async Task<HookConfig> AddAsync(Forge forge, string repo) =>
        await store.CreateAsync(App, forge, repo, "main", null, DateTimeOffset.UtcNow, CancellationToken.None);

    HookAnswer Send(Dictionary<string, string> headers, string body, string app = App) =>
        receiver.Receive(app, name => headers.TryGetValue(name, out var v) ? v : null, Encoding.UTF8.GetBytes(body));

    public static TheoryData<string> Forges => new() { "github", "gitea", "gitlab" };

    static (string Repo, string Push, string Event) Sample(Forge forge) =>
        forge == Forge.GitHub ? ("git@github.com:acme/shop.git", ForgeSamples.GitHubPush(), "push")
        : forge == Forge.Gitea ? ("git@git.example.org:acme/shop.git", ForgeSamples.GiteaPush(), "push")
        : ("git@gitlab.example.com:acme/shop.git", ForgeSamples.GitLabPush(), "Push Hook");

    [Theory]
    [MemberData(nameof(Forges))]
    public async Task A_signed_push_of_the_configured_branch_answers_202_at_once_and_queues_its_revision(string name)
    {
        var forge = Forge.Find(name)!;
        var (repo, push, @event) = Sample(forge);
        var hook = await AddAsync(forge, repo);

        var answer = Send(ForgeSamples.Headers(forge, @event, push, hook.Secret, "d-1"), push);

        Assert.Equal(new HookAnswer(202, "deploying bffeb74"), answer);
        var job = Assert.Single(queue.Jobs);
        Assert.Equal((App, "d-1", ForgeSamples.After), (job.App, job.DeliveryId, job.Revision));
        var delivery = Assert.Single(log.Read(App));
        Assert.Equal((name, @event, "d-1", "refs/heads/main", ForgeSamples.After, 202), (delivery.Forge, delivery.Event, delivery.Id, delivery.Ref, delivery.Revision, delivery.Status));
    }

    [Theory]
    [MemberData(nameof(Forges))]
    public async Task A_bad_or_missing_signature_is_401_recorded_and_deploys_nothing(string name)
    {
        var forge = Forge.Find(name)!;
        var (repo, push, @event) = Sample(forge);
        await AddAsync(forge, repo);

        var forged = Send(ForgeSamples.Headers(forge, @event, push, "not the secret"), push);
        var unsigned = ForgeSamples.Headers(forge, @event, push, "x");
        unsigned.Remove("X-Hub-Signature-256");
        unsigned.Remove("X-Gitea-Signature");
        unsigned.Remove("X-Gitlab-Token");
        var missing = Send(unsigned, push);

        Assert.Equal(401, forged.Status);
        Assert.Equal(401, missing.Status);
        Assert.Empty(queue.Jobs);
        Assert.Equal([401, 401], log.Read(App).Select(d => d.Status));
    }

    [Fact]
    public async Task A_replayed_delivery_id_is_200_already_handled_and_deploys_once()
    {
        var hook = await AddAsync(Forge.GitHub, "git@github.com:acme/shop.git");
        var push = ForgeSamples.GitHubPush();
        var headers = ForgeSamples.Headers(Forge.GitHub, "push", push, hook.Secret, "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        var first = Send(headers, push);
        var replay = Send(headers, push);

        Assert.Equal(202, first.Status);
        Assert.Equal(new HookAnswer(200, "already handled"), replay);
        Assert.Single(queue.Jobs);
        Assert.Equal(["deploying bffeb74", "already handled"], log.Read(App).Select(d => d.Result));
    }

    [Fact]
    public async Task A_ping_is_200_and_another_event_202_ignored_with_its_name()
    {
        var hook = await AddAsync(Forge.GitHub, "git@github.com:acme/shop.git");

        var ping = Send(ForgeSamples.Headers(Forge.GitHub, "ping", ForgeSamples.GitHubPing, hook.Secret), ForgeSamples.GitHubPing);
        var issues = Send(ForgeSamples.Headers(Forge.GitHub, "issues", "{}", hook.Secret), "{}");

        Assert.Equal(new HookAnswer(200, "pong"), ping);
        Assert.Equal(new HookAnswer(202, "ignored: issues"), issues);
        Assert.Empty(queue.Jobs);
    }

    [Fact]
    public async Task A_push_of_another_branch_or_repository_is_202_ignored_with_the_reason()
    {
        var hook = await AddAsync(Forge.Gitea, "git@git.example.org:acme/shop.git");
        var branch = ForgeSamples.GiteaPush(branch: "develop");
        var repo = ForgeSamples.GiteaPush(repo: "other");

        var onBranch = Send(ForgeSamples.Headers(Forge.Gitea, "push", branch, hook.Secret), branch);
        var onRepo = Send(ForgeSamples.Headers(Forge.Gitea, "push", repo, hook.Secret), repo);

        Assert.Equal(new HookAnswer(202, "ignored: refs/heads/develop is not refs/heads/main"), onBranch);
        Assert.Equal(new HookAnswer(202, "ignored: another repository than git@git.example.org:acme/shop.git"), onRepo);
        Assert.Empty(queue.Jobs);
    }

    [Fact]
    public async Task Malformed_json_is_400_and_a_body_over_1_mb_413_both_recorded()
    {
        var hook = await AddAsync(Forge.GitLab, "git@gitlab.example.com:acme/shop.git");
        const string Broken = "{\"ref\": \"refs/heads/main\", ";

        var malformed = Send(ForgeSamples.Headers(Forge.GitLab, "Push Hook", Broken, hook.Secret), Broken);
        var tooLarge = receiver.Receive(App, ForgeSamples.Headers(Forge.GitLab, "Push Hook", "{}", hook.Secret).GetValueOrDefault, null);

        Assert.Equal(400, malformed.Status);
        Assert.StartsWith("malformed JSON: ", malformed.Text, StringComparison.Ordinal);
        Assert.Equal(new HookAnswer(413, "body over 1 MB"), tooLarge);
        Assert.Equal([400, 413], log.Read(App).Select(d => d.Status));
        Assert.Empty(queue.Jobs);
    }

    [Fact]
    public void An_app_without_a_hook_is_404_and_nothing_is_written()
    {
        var answer = Send(new Dictionary<string, string>(), "{}", "nohook");
        var bad = Send(new Dictionary<string, string>(), "{}", "../shop");

        Assert.Equal(404, answer.Status);
        Assert.Equal(404, bad.Status);
        Assert.False(Directory.Exists(paths.Hooks("nohook")));
    }

    [Fact]
    public async Task The_log_keeps_the_last_50_deliveries_and_the_hooks_files_are_roots_alone()
    {
        var hook = await AddAsync(Forge.GitHub, "git@github.com:acme/shop.git");

        for (var i = 0; i < 60; i++)
            Send(ForgeSamples.Headers(Forge.GitHub, "issues", "{}", hook.Secret, $"d-{i}"), "{}");
        Send(new Dictionary<string, string> { ["X-GitHub-Event"] = "push" }, "{}");

        var kept = log.Read(App);
        Assert.Equal(51, kept.Count);
        Assert.Equal("d-59", kept[^2].Id);
        Assert.Equal(401, kept[^1].Status);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(paths.Hooks(App)));
        foreach (var file in new[] { "hook.json", "deploy_key", "deliveries.json", "refused.json" })
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(paths.Hooks(App), file)));
        Assert.StartsWith("ssh-ed25519 ", store.PublicKey(App), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hook_json_holds_the_settings_and_reads_back_as_written()
    {
        var hook = await AddAsync(Forge.GitLab, "git@gitlab.example.com:acme/shop.git");

        var text = await File.ReadAllTextAsync(Path.Combine(paths.Hooks(App), "hook.json"));

        Assert.Equal(hook, store.Find(App));
        Assert.DoesNotContain("dialect", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("branchRef", text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"forge\":\"gitlab\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_refused_unsigned_or_too_large_cannot_flush_the_forges_own_out_of_the_log()
    {
        var (repo, push, _) = Sample(Forge.GitHub);
        var hook = await AddAsync(Forge.GitHub, repo);
        for (var i = 0; i < 50; i++)
            Assert.Equal(200, Send(ForgeSamples.Headers(Forge.GitHub, "ping", "{}", hook.Secret, $"signed-{i}"), "{}").Status);

        // A stranger who knows the URL: forged signatures, then bodies over the limit (refused before any signature check).
        for (var i = 0; i < 100; i++)
            Assert.Equal(401, Send(ForgeSamples.Headers(Forge.GitHub, "push", push, "not the secret", $"forged-{i}"), push).Status);
        for (var i = 0; i < 100; i++)
            Assert.Equal(413, receiver.Receive(App, _ => null, null).Status);

        var shown = log.Read(App);
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"signed-{i}"), shown.Where(d => d.Status == 200).Select(d => d.Id));
        Assert.Equal(HookLimits.UnverifiedKept, shown.Count(d => d.Status is 401 or 413));
        Assert.Equal(shown.OrderBy(d => d.Time).Select(d => d.Time), shown.Select(d => d.Time));
    }
}
