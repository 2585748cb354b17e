using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Apps;
using Nap.Deployer.Systemd;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Releases;

/// <summary>
/// What a push or `deploy` decides before anything is built: a real napd over its socket, real git,
/// real app state; systemd (absent here) replaced by a recorder. The builds themselves are host specs.
/// </summary>
public sealed class DeployDecisionSpecs : IAsyncLifetime
{
    const string App = "shop";
    readonly RecordingSystemd systemd = new();
    TestNapd napd = null!;

    public async Task InitializeAsync()
    {
        napd = await TestNapd.StartAsync(systemd.Register);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", App)).Code);
    }

    Task<string> PushAsync(IReadOnlyDictionary<string, string> files) => PushAsync(napd, files);

    static async Task<string> PushAsync(TestNapd host, IReadOnlyDictionary<string, string> files)
    {
        var work = host.Dir.Sub("work");
        var commit = await Git.CommitAsync(work, files);
        // A fetch into the bare repository runs no hook: the hook's round trip is the host specs' job.
        Git.Check(await Git.RunAsync(host.Paths.Repo(App), null, "fetch", "-q", work, "+HEAD:refs/heads/master"));
        return commit;
    }

    Task RunningAsync(string revision) => RunningAsync(napd, revision);

    static Task RunningAsync(TestNapd host, string revision) =>
        host.Get<AppStateStore>().UpdateAsync(App, a => a
            .WithRelease(new Release(3, revision, Keys.Alice, DateTimeOffset.UnixEpoch, "nap/shop:3", 20003, ReleaseResult.Deployed))
            .WithCurrentRelease(3)
            .WithAppPort(10003));

    [Fact]
    public async Task Deploying_the_revision_that_already_runs_answers_its_address_after_one_is_active_and_nothing_else()
    {
        var commit = await PushAsync(new Dictionary<string, string> { ["Dockerfile"] = "FROM local/busybox:latest\n" });
        await RunningAsync(commit);

        var answer = await napd.SendAsync(Keys.Alice, "deploy", App);

        Assert.Equal(0, answer.Code);
        Assert.Equal([$"=====> shop is already running {commit[..7]}: http://192.0.2.7:10003"], answer.OutLines);
        Assert.Equal(["state nap-shop@3.service"], systemd.Calls);
    }

    [Fact]
    public async Task The_same_revision_is_built_again_when_its_release_is_not_active()
    {
        var stopped = new RecordingSystemd("failed");
        await using var other = await TestNapd.StartAsync(stopped.Register);
        await other.SendAsync(Keys.Alice, "git-receive-pack", App);
        var commit = await PushAsync(other, new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\nEXPOSE nonsense\n" });
        await RunningAsync(other, commit);

        var answer = await other.SendAsync(Keys.Alice, "deploy", App);

        Assert.Equal(1, answer.Code);
        Assert.Contains("Dockerfile:2", answer.Err);
        // The build's journal position is read beside the checkout (read only); nothing was started.
        Assert.Equal(["state nap-shop@3.service", "state nap-shop-build.service", "journal-cursor", "stop nap-shop-build.service"], stopped.Calls);
    }

    [Fact]
    public async Task A_Dockerfile_docker_would_refuse_rejects_the_push_with_its_line_and_records_the_failed_release()
    {
        await PushAsync(new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\nEXPOSE nonsense\n" });

        var answer = await napd.SendAsync(Keys.Alice, "deploy", App);

        Assert.Equal(1, answer.Code);
        Assert.Contains(" !     Dockerfile:2: EXPOSE", answer.Err);
        Assert.Contains("push rejected", answer.Err);
        var release = Assert.Single((await napd.Get<AppStateStore>().ReadAsync(App))!.Releases);
        Assert.Equal(ReleaseResult.BuildFailed, release.Result);
        Assert.DoesNotContain(systemd.Calls, c => c.StartsWith("start", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revision_without_a_Dockerfile_is_refused_with_what_nap_needs()
    {
        await PushAsync(new Dictionary<string, string> { ["README"] = "hello\n" });

        var answer = await napd.SendAsync(Keys.Alice, "deploy", App);

        Assert.Equal(1, answer.Code);
        Assert.Contains("no Dockerfile", answer.Err);
    }

    [Fact]
    public async Task A_Dockerfile_that_is_a_symlink_out_of_the_tree_is_refused_without_reading_it()
    {
        var work = napd.Dir.Sub("work");
        await Git.CommitAsync(work, new Dictionary<string, string> { ["README"] = "x\n" });
        File.CreateSymbolicLink(Path.Combine(work, "Dockerfile"), "/etc/passwd");
        await Git.CommitAsync(work, new Dictionary<string, string>());
        Git.Check(await Git.RunAsync(napd.Paths.Repo(App), null, "fetch", "-q", work, "+HEAD:refs/heads/master"));

        var answer = await napd.SendAsync(Keys.Alice, "deploy", App);

        Assert.Equal(1, answer.Code);
        Assert.Contains("symlink that leads outside", answer.Err);
        Assert.DoesNotContain("root:", answer.Err);
    }

    [Fact]
    public async Task A_push_to_another_branch_is_stored_and_not_deployed()
    {
        var answer = await napd.SendAsync(new NapRequest("receive", [App, $"{new string('0', 40)} {new string('a', 40)} refs/heads/feature"], Keys.Alice));

        Assert.Equal(0, answer.Code);
        Assert.Contains("refs/heads/feature stored, not deployed (only master or main deploys)", answer.Out);
        Assert.Empty(systemd.Calls);
    }

    [Fact]
    public async Task Deleting_the_deploy_branch_of_a_running_app_is_refused()
    {
        await RunningAsync(new string('a', 40));

        var answer = await napd.SendAsync(new NapRequest("receive", [App, $"{new string('a', 40)} {new string('0', 40)} refs/heads/master"], Keys.Alice));

        Assert.Equal(1, answer.Code);
        Assert.Contains("cannot be deleted while the app runs", answer.Err);
    }

    [Fact]
    public async Task A_key_without_access_cannot_deploy()
    {
        var answer = await napd.SendAsync(Keys.Bob, "deploy", App);

        Assert.Equal(1, answer.Code);
        Assert.Contains("no such app for key bob", answer.Err);
        Assert.Empty(systemd.Calls);
    }

    [Fact]
    public async Task Config_set_refuses_a_bad_name_before_writing_anything()
    {
        var answer = await napd.SendAsync(Keys.Alice, "config:set", App, "GOOD=1", "BAD-NAME=2");

        Assert.Equal(1, answer.Code);
        Assert.Contains("'BAD-NAME' is not a valid config name", answer.Err);
        Assert.False(File.Exists(napd.Paths.AppEnv(App)));
    }

    [Fact]
    public async Task Config_set_before_any_release_stores_the_value_for_the_first_deploy()
    {
        var answer = await napd.SendAsync(Keys.Alice, "config:set", App, "GREETING=hello world");

        Assert.Equal(0, answer.Code);
        Assert.Contains("takes effect on its first deploy", answer.Out);
        Assert.DoesNotContain("hello world", answer.Out + answer.Err);
        Assert.Equal("GREETING=hello world\n", await File.ReadAllTextAsync(napd.Paths.AppEnv(App)));
    }

    [Theory]
    [InlineData("config:set", "GREETING=changed")]
    [InlineData("config:unset", "GREETING")]
    [InlineData("config:secret", "GREETING")]
    public async Task A_config_change_whose_release_fails_leaves_the_env_file_as_it_was(string verb, string argument)
    {
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "config:set", App, "GREETING=hello")).Code);
        // Release 3's image nap/shop:3 does not exist here: the new release fails before it starts.
        await RunningAsync(await PushAsync(new Dictionary<string, string> { ["Dockerfile"] = "FROM local/busybox:latest\n" }));

        var answer = await napd.SendAsync(Keys.Alice, verb, App, argument);

        Assert.Equal(1, answer.Code);
        Assert.Contains("the image of release 3 is gone", answer.Err);
        Assert.Contains("shop: config left as it was", answer.Err);
        Assert.Equal("GREETING=hello\n", await File.ReadAllTextAsync(napd.Paths.AppEnv(App)));
    }

    [Fact]
    public async Task A_generated_secret_mixes_upper_lower_digit_and_symbol_characters()
    {
        var answer = await napd.SendAsync(Keys.Alice, "config:secret", App, "DB_PASSWORD", "--length", "24");

        Assert.Equal(0, answer.Code);
        var value = (await File.ReadAllTextAsync(napd.Paths.AppEnv(App))).Trim()["DB_PASSWORD=".Length..];
        Assert.Equal(24, value.Length);
        Assert.Contains(value, char.IsAsciiLetterUpper);
        Assert.Contains(value, char.IsAsciiLetterLower);
        Assert.Contains(value, char.IsAsciiDigit);
        Assert.Contains(value, c => !char.IsAsciiLetterOrDigit(c));
        Assert.DoesNotContain(value, answer.Out);
    }

    [Fact]
    public async Task Releases_lists_newest_first_and_marks_the_current_one_as_json()
    {
        await RunningAsync(new string('b', 40));

        var answer = await napd.SendAsync(Keys.Alice, "releases", App, "--json");

        Assert.Equal(0, answer.Code);
        Assert.Contains("\"number\":3", answer.Out);
        Assert.Contains("\"current\":true", answer.Out);
        Assert.Contains("\"result\":\"Deployed\"", answer.Out);
    }

    [Fact]
    public async Task A_domain_another_app_uses_is_refused()
    {
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "blog")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "domains:add", "blog", "Blog.Example.com")).Code);

        var answer = await napd.SendAsync(Keys.Alice, "domains:add", App, "blog.example.com");

        Assert.Equal(1, answer.Code);
        Assert.Contains("blog.example.com is already a domain of another app (blog)", answer.Err);
    }

    public async Task DisposeAsync() => await napd.DisposeAsync();
}
