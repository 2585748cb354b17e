namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile arguments to napd's verbs on a running app: refused with napd's reason, the app
/// untouched and still serving; a setting docker refuses is not kept to break the next deploy.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileVerbSpecs(NapHost host)
{
    const string App = "hostile-verb";

    async Task RefusedAsync(string command, string reason)
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(command);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(reason, result.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
        await HostileHost.AssertStillServesAsync(app.Url);
    }

    [Fact]
    public async Task A_domain_with_a_semicolon_cannot_reach_the_nginx_file() =>
        await RefusedAsync($"domains:add {App} 'a.example.com;include /etc/nap/authorized_keys'", "is not a valid domain: use a host name such as app.example.com");

    [Fact]
    public async Task A_wildcard_domain_is_refused() =>
        await RefusedAsync($"domains:add {App} '*.example.com'", "'*.example.com' is not a valid domain");

    [Fact]
    public async Task A_memory_limit_with_a_docker_flag_in_it_is_refused() =>
        await RefusedAsync($"resources:set {App} 'memory=1g --privileged'", "'1g --privileged' is not a valid memory value");

    [Fact]
    public async Task An_unknown_resource_is_refused() =>
        await RefusedAsync($"resources:set {App} pids=1", "'pids=1': only memory=SIZE and cpus=N can be set");

    [Fact]
    public async Task A_secret_of_absurd_length_is_refused() =>
        await RefusedAsync($"config:secret {App} TOKEN --length 100000000", "usage: config:secret APP NAME [--length 8..256]");

    [Fact]
    public async Task A_rollback_to_a_path_is_refused() =>
        await RefusedAsync($"rollback {App} ../1", $"{App}: no earlier deployed release to roll back to");

    [Fact]
    public async Task A_log_length_that_is_not_a_number_is_refused() =>
        await RefusedAsync($"logs {App} -n 1e9", "usage: logs APP [-n N] [-f]");

    [Fact]
    public async Task A_memory_limit_below_dockers_minimum_is_refused() =>
        await RefusedAsync($"resources:set {App} memory=1", "memory=1 is below docker's minimum of 6M");

    [Fact]
    public async Task A_limit_docker_refuses_keeps_the_release_and_does_not_stick_to_the_next_push()
    {
        var app = await HostileRunningApp.OfAsync(host, App);

        // Well-formed, but more CPUs than the host has: docker refuses to start the release.
        var set = await host.Ssh($"resources:set {App} cpus=512");

        Assert.True(set.ExitCode != 0, set.ToString());
        Assert.Contains($"{App} was not changed: the previous release (if any) still serves", set.Stderr);
        Assert.Contains("limits left as they were", set.Stderr);
        await HostileHost.AssertStillServesAsync(app.Url);
        await File.WriteAllTextAsync(app.Tree.File("www/index.html"), "<h1>Hello from nap, after the limit</h1>\n");
        await app.Tree.CommitAsync("after the limit");
        var push = await app.Tree.PushAsync(App);
        Assert.True(push.ExitCode == 0, push.ToString());
        var page = await HostileHost.Http.GetStringAsync(app.Url);
        Assert.True(page.Contains("after the limit", StringComparison.Ordinal), push + "\n" + page);
        await SettledAsync();
    }

    /// <summary>The replaced release retires after the push has answered; the other specs here snapshot the host, so wait for it.</summary>
    async Task SettledAsync()
    {
        for (var i = 0; i < 120; i++)
        {
            var units = await host.Exec("systemctl", "list-units", "--all", "--plain", "--no-legend", $"nap-{App}@*");
            if (units.Stdout.Split('\n').Count(line => line.Contains(" active ", StringComparison.Ordinal)) == 1
                && !units.Stdout.Contains("deactivating", StringComparison.Ordinal))
                return;
            await Task.Delay(250);
        }
    }
}
