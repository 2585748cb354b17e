using System.Security.Cryptography;

namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile git: pushes that must be refused leave the refs and the running release as they
/// were; pushes of other refs are stored without touching what runs.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileGitSpecs(NapHost host)
{
    const string App = "hostile-git";

    Task<ExecResult> PushAsync(string workTree, SshKey key, params string[] refspecs) =>
        Run.Async("git", ["push", $"nap@{host.Ip}:{App}", .. refspecs], env: host.GitEnvironmentFor(key), workingDirectory: workTree, timeout: TimeSpan.FromMinutes(10));

    [Fact]
    public async Task A_key_without_access_cannot_push_another_keys_app()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var other = await host.AddKeyAsync("hostile-other");
        var before = await app.StateAsync();
        await File.WriteAllTextAsync(app.Tree.File("www/index.html"), "<h1>taken over</h1>\n");
        await app.Tree.CommitAsync("takeover");

        var push = await app.Tree.PushAsync(App, other);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains($"{App}: access denied for key hostile-other", push.Stderr);
        Assert.Equal(before, await app.StateAsync());
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_key_without_access_cannot_destroy_another_keys_app()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var other = await host.AddKeyAsync("hostile-vandal");
        var before = await host.SnapshotAsync();

        var destroy = await host.Ssh(other, [], $"destroy {App} --force");

        Assert.Equal(1, destroy.ExitCode);
        Assert.Contains($"{App}: no such app for key hostile-vandal", destroy.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_non_fast_forward_push_is_refused_by_git_and_the_refs_stay()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        await app.Tree.GitAsync("commit", "-q", "--amend", "-m", "rewritten");

        var push = await app.Tree.PushAsync(App);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("! [rejected]        master -> master (non-fast-forward)", push.Stderr);
        Assert.Equal(before, await app.StateAsync());
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_forced_rewrite_to_a_broken_revision_goes_through_the_deploy_and_is_rejected()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        await File.WriteAllTextAsync(app.Tree.File("Dockerfile"), "FROM local/busybox:latest\nCOPY no-such-file /x\n");
        await app.Tree.GitAsync("add", "-A");
        await app.Tree.GitAsync("commit", "-q", "--amend", "-m", "rewritten and broken");

        var push = await app.Tree.PushAsync(App, refspec: "+master");

        await app.AssertRejectedAsync(push, "the build failed", before);
    }

    [Fact]
    public async Task Deleting_the_deploy_branch_of_a_running_app_is_refused()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();

        var push = await app.Tree.PushAsync(App, refspec: ":master");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("refs/heads/master is what hostile-git runs: it cannot be deleted while the app runs", push.Stderr);
        Assert.Contains("[remote rejected] master (pre-receive hook declined)", push.Stderr);
        Assert.Equal(before, await app.StateAsync());
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_tag_is_stored_and_not_deployed()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        await app.Tree.GitAsync("tag", "-f", "v-hostile");

        var push = await app.Tree.PushAsync(App, refspec: "refs/tags/v-hostile");

        Assert.Equal(0, push.ExitCode);
        Assert.Contains("refs/tags/v-hostile stored, not deployed", push.Stderr);
        Assert.Contains($"refs/tags/v-hostile {app.Good}", await host.RefListAsync(App));
        Assert.Equal(before, (await app.StateAsync()).Replace($"refs/tags/v-hostile {app.Good}\n", ""));
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_branch_that_does_not_deploy_is_stored_and_the_app_keeps_its_release()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await app.StateAsync();
        await File.WriteAllTextAsync(app.Tree.File("Dockerfile"), "FROM local/no-such-image:latest\n");
        await app.Tree.CommitAsync("feature");
        var feature = await app.Tree.HeadAsync();

        var push = await app.Tree.PushAsync(App, refspec: "master:refs/heads/feature-x");

        Assert.Equal(0, push.ExitCode);
        Assert.Contains("refs/heads/feature-x stored, not deployed (only master or main deploys)", push.Stderr);
        Assert.DoesNotContain("Building", push.Stderr);
        Assert.Contains($"refs/heads/feature-x {feature}", await host.RefListAsync(App));
        Assert.Equal(before, (await app.StateAsync()).Replace($"refs/heads/feature-x {feature}\n", ""));
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task Many_branches_at_once_store_the_others_and_deploy_only_master()
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        await File.WriteAllTextAsync(app.Tree.File("www/index.html"), "<h1>Hello from nap, many</h1>\n");
        await app.Tree.CommitAsync("many");
        var head = await app.Tree.HeadAsync();
        foreach (var branch in new[] { "many-a", "many-b", "many-c" })
            await app.Tree.GitAsync("branch", "-f", branch, app.Good);

        var push = await PushAsync(app.Tree.Path, host.TestKey, "master", "many-a", "many-b", "many-c");

        Assert.True(push.ExitCode == 0, push.ToString());
        foreach (var branch in new[] { "many-a", "many-b", "many-c" })
            Assert.Contains($"refs/heads/{branch} stored, not deployed", push.Stderr);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(push.Stderr, "deployed: http://"));
        Assert.Contains("Hello from nap, many", await HostileHost.Http.GetStringAsync(app.Url));
        var refs = await host.RefListAsync(App);
        Assert.Contains($"refs/heads/master {head}", refs);
        Assert.Contains($"refs/heads/many-c {app.Good}", refs);

        // Back to the good revision for the other cases: a rollback to what ran before.
        (await host.Ssh($"deploy {App} {app.Good}")).EnsureSuccess("deploy the good revision again");
        (await PushAsync(app.Tree.Path, host.TestKey, $"+{app.Good}:refs/heads/master")).EnsureSuccess("force master back");
    }

    [Fact]
    public async Task A_push_of_an_empty_repository_sends_nothing_and_deploys_nothing()
    {
        var empty = Directory.CreateTempSubdirectory("nap-empty-").FullName;
        await Run.Async("git", ["init", "-q", "-b", "master", empty]);
        var before = await host.SnapshotAsync();

        var push = await Run.Async("git", ["push", $"nap@{host.Ip}:hostile-empty", "master"], env: host.GitEnvironment, workingDirectory: empty);

        Directory.Delete(empty, recursive: true);
        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("src refspec master does not match any", push.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_shallow_clone_push_of_a_new_app_is_refused_before_anything_is_built()
    {
        using var full = await GitWorkTree.CreateAsync(host, "hello");
        await full.CommitAsync("second");
        await full.CommitAsync("third");
        var shallow = Directory.CreateTempSubdirectory("nap-shallow-").FullName;
        (await Run.Async("git", ["clone", "-q", "--depth", "1", "file://" + full.Path, shallow])).EnsureSuccess("shallow clone");

        var push = await Run.Async("git", ["push", $"nap@{host.Ip}:hostile-shallow", "master"], env: host.GitEnvironment, workingDirectory: shallow);

        Directory.Delete(shallow, recursive: true);
        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("is incomplete (a shallow clone?): nothing was deployed; run 'git fetch --unshallow' and push again", push.Stderr);
        // git names its own reason ("shallow update not allowed") once the hook has declined.
        Assert.Contains("[remote rejected] master -> master (", push.Stderr);
        Assert.DoesNotContain("Building", push.Stderr);
        Assert.Equal("", await host.RefListAsync("hostile-shallow"));
        var units = await host.Exec("sh", "-c", "ls /etc/systemd/system | grep -c '^nap-hostile-shallow' || true");
        Assert.True(units.Stdout.Trim() == "0", $"{units}\n{push}");
        Assert.Equal(1, (await host.Exec("test", "-e", "/var/lib/nap/apps/hostile-shallow/releases/1")).ExitCode);
    }

    [Fact]
    public async Task A_100_MB_binary_file_is_stored_whole_and_deployed_and_the_app_keeps_serving()
    {
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        var url = await tree.DeployHelloAsync("hostile-big");
        // Random, so neither git nor docker can compress it away; generated here, never committed to nap's repo.
        var blob = RandomNumberGenerator.GetBytes(100 * 1024 * 1024);
        await File.WriteAllBytesAsync(tree.File("blob.bin"), blob);
        await File.WriteAllTextAsync(tree.File("www/index.html"), "<h1>Hello from nap, with a big file</h1>\n");
        await tree.CommitAsync("a 100 MB binary file");
        var head = await tree.HeadAsync();

        var push = await tree.PushAsync("hostile-big");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("=====> hostile-big deployed: " + url + " (release 2,", push.Output);
        Assert.Contains($"refs/heads/master {head}", await host.RefListAsync("hostile-big"));
        var git = "git -c safe.directory='*' --git-dir /var/lib/nap/repos/hostile-big.git";
        var stored = await host.Exec("sh", "-c", $"{git} fsck --no-dangling && {git} cat-file blob master:blob.bin | sha256sum && sha256sum < /var/lib/nap/apps/hostile-big/releases/2/src/blob.bin");
        Assert.True(stored.ExitCode == 0, stored.ToString());
        var sum = Convert.ToHexStringLower(SHA256.HashData(blob)) + "  -";
        Assert.Equal([sum, sum], stored.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("with a big file", await HostileHost.Http.GetStringAsync(url));
        await host.WaitForAsync("test \"$(systemctl list-units 'nap-hostile-big@*' --state=active --no-legend --plain | awk '{print $1}')\" = nap-hostile-big@2.service",
            "release 1 to retire and release 2 alone to run", TimeSpan.FromSeconds(30));
    }
}
