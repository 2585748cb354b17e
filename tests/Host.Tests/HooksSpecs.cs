using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// Issue 15, points 1-4: deploys from a forge's webhook on a real host. Real HTTP from here to the host's port 80
/// (nginx, then napd's hooks socket), payloads and headers as each forge sends them, signed here; the forge is a
/// bare repository on a second container that napd fetches from over ssh with the app's deploy key.
/// </summary>
[Collection(FeatureHostCollection.Name)]
public sealed partial class HooksSpecs(NapHost host, ForgeHost forge) : IClassFixture<ForgeHost>, IAsyncLifetime
{
    /// <summary>The forge is on the test machine's docker bridge, a private network: the host must allow forges there.</summary>
    const string PrivateForges = """
        "hooks": { "privateForges": true },
        """;

    public async Task InitializeAsync()
    {
        if ((await host.Exec("grep", "-q", "privateForges", "/etc/nap/napd.json")).ExitCode == 0)
            return;
        (await host.Exec("sed", "-i", $"s/^{{/{{ {PrivateForges.Trim()}/", "/etc/nap/napd.json")).EnsureSuccess("hooks.privateForges in napd.json");
        await host.RestartNapdAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [GeneratedRegex(@"deployed: (http://\S+) \(release (\d+)")]
    private static partial Regex Deployed();

    [GeneratedRegex(@"Secret(?: token)?:\s+([0-9a-f]{64})")]
    private static partial Regex SecretLine();

    sealed record Hook(string App, string Forge, string Repo, string Secret, string DeployKey, string Url, GitWorkTree Tree) : IDisposable
    {
        public void Dispose() => Tree.Dispose();
    }

    /// <summary>hello pushed to nap once (the release that must keep serving), then a hook for it from <paramref name="forgeName"/>.</summary>
    async Task<Hook> HookedAppAsync(string app, string forgeName)
    {
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        var push = await tree.PushAsync(app);
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        var repo = await forge.CreateRepoAsync($"acme/{app}.git");
        var add = (await host.Ssh($"hooks:add {app} --forge {forgeName} --repo {repo} --branch main")).EnsureSuccess("hooks:add");
        Assert.Contains($"http://{host.Ip}/nap/hooks/{app}", add.Stdout);
        var key = add.Stdout.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("ssh-ed25519 ", StringComparison.Ordinal));
        await forge.AuthorizeAsync(key);
        return new Hook(app, forgeName, repo, SecretLine().Match(add.Stdout).Groups[1].Value, key, match.Groups[1].Value, tree);
    }

    async Task<(HttpStatusCode Status, string Text)> DeliverAsync(Hook hook, string @event, string body, string? secret = null, string? delivery = null, Action<HttpRequestMessage>? change = null)
    {
        using var request = ForgeDelivery.Request($"http://{host.Ip}/nap/hooks/{hook.App}", hook.Forge, @event, body, secret ?? hook.Secret, delivery ?? Guid.NewGuid().ToString());
        change?.Invoke(request);
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, (await response.Content.ReadAsStringAsync()).Trim());
    }

    string PushBody(Hook hook, string after, string branch = "main", string? repo = null) =>
        ForgeDelivery.Push(hook.Forge, forge.Ip, "acme", repo ?? hook.App, branch, after);

    async Task<JsonElement[]> DeliveriesAsync(string app) =>
        JsonDocument.Parse((await host.Ssh($"hooks:deliveries {app} --json")).EnsureSuccess("hooks:deliveries").Stdout).RootElement.EnumerateArray().ToArray();

    /// <summary>The delivery once its deploy has ended (deployed, failed or superseded): a build takes its time, the forge's answer did not wait for it.</summary>
    async Task<JsonElement> SettledAsync(string app, string delivery)
    {
        for (var i = 0; i < 600; i++)
        {
            var found = (await DeliveriesAsync(app)).LastOrDefault(d => d.GetProperty("id").GetString() == delivery);
            if (found.ValueKind == JsonValueKind.Object && found.GetProperty("result").GetString() is { } result && !result.StartsWith("deploying", StringComparison.Ordinal))
                return found;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"delivery {delivery} of {app} still deploying after 10 minutes");
    }

    /// <summary>What a refused delivery must leave as it was: the repository's branches and tags, the app's units and its releases.</summary>
    async Task<string> StateAsync(string app) =>
        (await host.Exec("git", "--git-dir", $"/var/lib/nap/repos/{app}.git", "for-each-ref", "refs/heads", "refs/tags")).Stdout
        + (await host.Exec("sh", "-c", $"systemctl list-units --all --no-legend --plain 'nap-{app}*' | sort")).Stdout
        + (await host.Ssh($"releases {app} --json")).Stdout;

    [Theory]
    [InlineData("github")]
    [InlineData("gitea")]
    [InlineData("gitlab")]
    public async Task A_signed_push_deploys_the_forges_revision_fetched_with_the_deploy_key(string forgeName)
    {
        using var hook = await HookedAppAsync($"hook-{forgeName}", forgeName);
        await File.WriteAllTextAsync(hook.Tree.File("www/index.html"), $"from {forgeName}");
        await hook.Tree.CommitAsync("from the forge");
        var revision = await forge.PushAsync(hook.Tree, $"acme/{hook.App}.git");

        var answer = await DeliverAsync(hook, ForgeDelivery.PushEvent(forgeName), PushBody(hook, revision), delivery: "d-" + forgeName);

        Assert.Equal((HttpStatusCode.Accepted, "deploying " + revision[..7]), answer);
        var delivery = await SettledAsync(hook.App, "d-" + forgeName);
        Assert.Equal("deployed", delivery.GetProperty("result").GetString());
        Assert.Equal(2, delivery.GetProperty("release").GetInt32());
        Assert.Equal(revision, delivery.GetProperty("revision").GetString());
        Assert.Equal($"from {forgeName}", (await Http.GetStringAsync(hook.Url)).Trim());
        Assert.Contains($"hook:{forgeName}", (await host.Ssh($"releases {hook.App}")).Stdout);
        Assert.Equal(revision, (await host.Exec("git", "--git-dir", $"/var/lib/nap/repos/{hook.App}.git", "rev-parse", "refs/heads/main")).Stdout.Trim());
        // What napd fetched is the nap user's, like what a push writes: the next push over ssh can still write the repository.
        Assert.Equal("", (await host.Exec("find", $"/var/lib/nap/repos/{hook.App}.git", "!", "-user", "nap")).Stdout.Trim());
    }

    [Fact]
    public async Task Every_refused_delivery_is_answered_as_the_table_says_recorded_and_leaves_repo_units_and_release_unchanged()
    {
        using var hook = await HookedAppAsync("hook-refused", "github");
        await File.WriteAllTextAsync(hook.Tree.File("www/index.html"), "must not deploy");
        await hook.Tree.CommitAsync("not for nap");
        var revision = await forge.PushAsync(hook.Tree, "acme/hook-refused.git", "develop");
        var before = await StateAsync(hook.App);
        var push = PushBody(hook, revision);
        var ping = """{"zen": "Encourage flow.", "hook_id": 2472869, "hook": {"type": "Repository", "events": ["push"]}}""";

        var answers = new[]
        {
            await DeliverAsync(hook, "ping", ping),
            await DeliverAsync(hook, "issues", """{"action": "opened"}"""),
            await DeliverAsync(hook, "push", PushBody(hook, revision, branch: "develop"), delivery: "d-develop"),
            await DeliverAsync(hook, "push", PushBody(hook, revision, repo: "someone-else")),
            await DeliverAsync(hook, "push", push, secret: "not the secret"),
            await DeliverAsync(hook, "push", push, change: r => r.Headers.Remove("X-Hub-Signature-256")),
            await DeliverAsync(hook, "push", """{"ref": "refs/heads/main", "after": """),
            await DeliverAsync(hook, "push", "{\"pad\": \"" + new string('x', 1024 * 1024) + "\"}"),
            await DeliverAsync(hook, "push", PushBody(hook, revision, branch: "develop"), delivery: "d-develop"),
        };

        Assert.Equal(
            [(HttpStatusCode.OK, "pong"), (HttpStatusCode.Accepted, "ignored: issues"), (HttpStatusCode.Accepted, "ignored: refs/heads/develop is not refs/heads/main"),
             (HttpStatusCode.Accepted, $"ignored: another repository than {hook.Repo}"), (HttpStatusCode.Unauthorized, "bad or missing signature (X-Hub-Signature-256)"),
             (HttpStatusCode.Unauthorized, "bad or missing signature (X-Hub-Signature-256)"), (HttpStatusCode.BadRequest, answers[6].Text),
             (HttpStatusCode.RequestEntityTooLarge, "body over 1 MB"), (HttpStatusCode.OK, "already handled")],
            answers);
        Assert.StartsWith("malformed JSON", answers[6].Text, StringComparison.Ordinal);
        Assert.Equal([200, 202, 202, 202, 401, 401, 400, 413, 200], (await DeliveriesAsync(hook.App)).Select(d => d.GetProperty("status").GetInt32()));
        Assert.Equal(before, await StateAsync(hook.App));
        Assert.Contains("Hello from nap", await Http.GetStringAsync(hook.Url));
        var table = (await host.Ssh("hooks:deliveries hook-refused")).EnsureSuccess("hooks:deliveries").Stdout;
        Assert.Contains("413 body over 1 MB", table);
        Assert.Contains("200 already handled", table);
    }

    [Fact]
    public async Task A_second_key_cannot_add_list_remove_or_read_the_deliveries_of_another_apps_hook()
    {
        using var hook = await HookedAppAsync("hook-owned", "gitea");
        var other = await host.AddKeyAsync("hook-tenant");

        foreach (var verb in new[] { "hooks hook-owned", "hooks hook-owned --json", "hooks:deliveries hook-owned --json", "hooks:remove hook-owned",
                     $"hooks:add hook-owned --forge github --repo {forge.Ip}:acme/mine.git" })
        {
            var result = await host.Ssh(other, [], verb);
            Assert.NotEqual(0, result.ExitCode);
            Assert.Contains("hook-owned: no such app for key hook-tenant", result.Stderr);
            Assert.DoesNotContain(hook.Secret, result.Output);
        }

        var shown = (await host.Ssh("hooks hook-owned")).EnsureSuccess("hooks").Stdout;
        Assert.Contains(hook.DeployKey, shown);
        Assert.Contains(hook.Repo, shown);
        Assert.DoesNotContain(hook.Secret, shown);
        Assert.Equal("root:root 600", (await host.Exec("stat", "-c", "%U:%G %a", "/var/lib/nap/apps/hook-owned/hooks/deploy_key")).Stdout.Trim());
        Assert.Equal("root:root 700", (await host.Exec("stat", "-c", "%U:%G %a", "/var/lib/nap/apps/hook-owned/hooks")).Stdout.Trim());
    }

    [Fact]
    public async Task A_status_token_given_as_dash_is_read_from_stdin_and_never_shown()
    {
        using var hook = await HookedAppAsync("hook-token", "gitea");

        var add = await host.Ssh(host.TestKey, [], $"hooks:add hook-token --forge gitea --repo {hook.Repo} --status-token -", stdin: "tok_from_stdin_0123\n");

        add.EnsureSuccess("hooks:add --status-token -");
        Assert.Contains("Commit status:  posted to the forge with the token given", add.Stdout);
        Assert.DoesNotContain("tok_from_stdin_0123", add.Output);
        Assert.True(JsonDocument.Parse((await host.Ssh("hooks hook-token --json")).EnsureSuccess("hooks").Stdout).RootElement.GetProperty("statusToken").GetBoolean());
        Assert.Contains("\"tok_from_stdin_0123\"", (await host.Exec("cat", "/var/lib/nap/apps/hook-token/hooks/hook.json")).Stdout);
    }

    [Fact]
    public async Task Napd_serves_webhooks_on_a_socket_only_nginx_workers_reach_and_destroy_takes_the_hook_away()
    {
        using var hook = await HookedAppAsync("hook-gone", "gitlab");

        Assert.Equal("socket root:www-data 660", (await host.Exec("stat", "-c", "%F %U:%G %a", "/run/nap/hooks.sock")).Stdout.Trim());
        (await host.Ssh("destroy hook-gone --force")).EnsureSuccess("destroy");

        var after = await DeliverAsync(hook, "Push Hook", PushBody(hook, new string('a', 40)));
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal(1, (await host.Exec("test", "-e", "/var/lib/nap/apps/hook-gone/hooks")).ExitCode);
    }
    [Fact]
    public async Task Napd_has_no_hooks_socket_until_an_app_has_a_hook_and_nginx_answers_a_clear_503_meanwhile()
    {
        // The other specs' hooks went first (a class's specs run one at a time): without them, napd starts as on a
        // host that never had one.
        (await host.Exec("sh", "-c", "rm -rf /var/lib/nap/apps/*/hooks")).EnsureSuccess("rm hooks");
        await host.RestartNapdAsync();

        Assert.Equal(1, (await host.Exec("test", "-e", "/run/nap/hooks.sock")).ExitCode);
        using (var none = await Http.PostAsync($"http://{host.Ip}/nap/hooks/nothing", new StringContent("{}")))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, none.StatusCode);
            Assert.Equal("no webhook here: napd serves webhooks once an app has one (hooks:add), or napd is not running", (await none.Content.ReadAsStringAsync()).Trim());
        }

        using var hook = await HookedAppAsync("hook-first", "github");
        Assert.Equal((HttpStatusCode.OK, "pong"), await DeliverAsync(hook, "ping", """{"zen": "Keep it logically awesome."}"""));
        // napd's next start finds the hook and listens at once.
        await host.RestartNapdAsync();
        Assert.Equal((HttpStatusCode.OK, "pong"), await DeliverAsync(hook, "ping", """{"zen": "Design for failure."}"""));
    }

    [Fact]
    public async Task A_fetch_over_the_push_limit_stops_there_fails_in_the_log_naming_the_setting_and_leaves_repo_and_release_unchanged()
    {
        using var hook = await HookedAppAsync("hook-huge", "gitea");
        // Random bytes: the pack cannot compress them below the limit.
        await File.WriteAllBytesAsync(hook.Tree.File("www/huge.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 << 20));
        await hook.Tree.CommitAsync("more than a push may bring");
        var revision = await forge.PushAsync(hook.Tree, "acme/hook-huge.git");
        var before = await StateAsync(hook.App);
        var napdJson = (await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
        try
        {
            (await host.Exec("sed", "-i", """s/^{/{ "limits": { "pushMegabytes": 1 },/""", "/etc/nap/napd.json")).EnsureSuccess("pushMegabytes in napd.json");
            await host.RestartNapdAsync();

            Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(hook, "push", PushBody(hook, revision), delivery: "d-huge")).Status);

            var delivery = await SettledAsync(hook.App, "d-huge");
            Assert.Equal($"failed: fetching main of {hook.Repo} stopped at 1 MB, the most a push may bring (limits.pushMegabytes in /etc/nap/napd.json raises it)",
                delivery.GetProperty("result").GetString());
            Assert.Equal(before, await StateAsync(hook.App));
            Assert.Contains("Hello from nap", await Http.GetStringAsync(hook.Url));
            Assert.Equal("", (await host.Exec("find", $"/var/lib/nap/repos/{hook.App}.git/objects", "-size", "+1000k")).Stdout.Trim());
            Assert.Equal(0, (await host.Exec("git", "--git-dir", $"/var/lib/nap/repos/{hook.App}.git", "fsck", "--no-progress")).ExitCode);
        }
        finally
        {
            (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
            await host.RestartNapdAsync();
        }
    }

    [Fact]
    public async Task By_default_a_repo_on_a_private_network_or_the_host_itself_is_refused_and_no_hook_is_made()
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        (await tree.PushAsync("hook-private")).EnsureSuccess("push");
        var repo = await forge.CreateRepoAsync("acme/hook-private.git");
        var napdJson = (await host.Exec("cat", "/etc/nap/napd.json")).EnsureSuccess("napd.json").Stdout;
        try
        {
            (await host.ExecWithInput(napdJson.Replace(PrivateForges.Trim(), "", StringComparison.Ordinal), "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json without hooks");
            await host.RestartNapdAsync();

            var refused = await host.Ssh($"hooks:add hook-private --forge gitea --repo {repo}");

            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains($"--repo's host {forge.Ip} is {forge.Ip}, a private address: napd fetches from forges on the public internet only (\"hooks\": {{ \"privateForges\": true }} in /etc/nap/napd.json allows forges on private networks)", refused.Stderr);
            Assert.Equal(1, (await host.Exec("test", "-e", "/var/lib/nap/apps/hook-private/hooks")).ExitCode);
        }
        finally
        {
            (await host.ExecWithInput(napdJson, "sh", "-c", "cat > /etc/nap/napd.json")).EnsureSuccess("napd.json back");
            await host.RestartNapdAsync();
        }

        // privateForges allows the LAN, never the host itself.
        var local = await host.Ssh("hooks:add hook-private --forge gitea --repo git@localhost:acme/hook-private.git");
        Assert.NotEqual(0, local.ExitCode);
        Assert.Contains("--repo's host localhost is ", local.Stderr);
        Assert.Contains("never from this host", local.Stderr);
    }

    [Fact]
    public async Task Deliveries_that_arrive_while_one_deploys_coalesce_to_the_newest()
    {
        using var hook = await HookedAppAsync("hook-burst", "github");
        var revisions = new List<string>();
        for (var i = 1; i <= 3; i++)
        {
            await File.WriteAllTextAsync(hook.Tree.File("www/index.html"), $"burst {i}");
            await hook.Tree.CommitAsync($"burst {i}");
            revisions.Add(await forge.PushAsync(hook.Tree, "acme/hook-burst.git"));
        }

        // Three pushes' deliveries in a row: the first deploy takes seconds, the next two arrive within it.
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await DeliverAsync(hook, "push", PushBody(hook, revisions[i]), delivery: $"burst-{i + 1}")).Status);

        var last = await SettledAsync(hook.App, "burst-3");
        Assert.Equal("deployed", last.GetProperty("result").GetString());
        Assert.Equal("superseded by burst-3", (await SettledAsync(hook.App, "burst-2")).GetProperty("result").GetString());
        Assert.Equal("burst 3", (await Http.GetStringAsync(hook.Url)).Trim());
        // The first push's release and at most one more before the newest: never one per delivery.
        Assert.InRange(last.GetProperty("release").GetInt32(), 2, 3);
    }

    [Fact]
    public async Task A_revision_the_forge_does_not_have_fails_in_the_log_and_the_running_release_keeps_serving()
    {
        using var hook = await HookedAppAsync("hook-missing", "gitea");
        await forge.PushAsync(hook.Tree, "acme/hook-missing.git");
        var before = await StateAsync(hook.App);

        var answer = await DeliverAsync(hook, "push", PushBody(hook, "0123456789abcdef0123456789abcdef01234567"), delivery: "d-missing");

        Assert.Equal(HttpStatusCode.Accepted, answer.Status);
        var delivery = await SettledAsync(hook.App, "d-missing");
        Assert.Equal("failed: 0123456789ab is not on main of " + hook.Repo + " any more", delivery.GetProperty("result").GetString());
        Assert.Contains("Hello from nap", await Http.GetStringAsync(hook.Url));
        Assert.Equal(before, await StateAsync(hook.App));
    }
}
