namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile config: values reach the app byte for byte and never the unit files; names and
/// values docker's env-file cannot carry are refused before anything is written.
/// </summary>
[Collection(NapHostCollection.Name)]
public sealed class HostileConfigSpecs(NapHost host)
{
    const string App = "hostile-cfg";

    async Task<string> UnitsAsync() =>
        (await host.Exec("sh", "-c", $"md5sum /etc/systemd/system/nap-{App}@.service /etc/systemd/system/nap-{App}-build.service")).EnsureSuccess("unit checksums").Stdout;

    /// <summary>Sets one value through real ssh and returns what docker gave the running container for it.</summary>
    async Task<string> SetAndReadBackAsync(string quotedAssignment, string name)
    {
        var app = await HostileRunningApp.OfAsync(host, App);
        var units = await UnitsAsync();

        var set = await host.Ssh($"config:set {App} {quotedAssignment}");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.Contains($"-----> Set {name}", set.Output);
        Assert.Equal(units, await UnitsAsync());
        var verify = await host.Exec("sh", "-c", $"systemd-analyze verify /etc/systemd/system/nap-{App}@.service /etc/systemd/system/nap-{App}-build.service");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        await HostileHost.AssertStillServesAsync(app.Url);
        var container = (await host.Exec("sh", "-c", $"docker ps --filter label=nap.app={App} --format '{{{{.Names}}}}' | head -n1")).Stdout.Trim();
        var env = await host.Exec("docker", "inspect", "--format", "{{json .Config.Env}}", container);
        Assert.True(env.ExitCode == 0, env.ToString());
        var seen = System.Text.Json.JsonSerializer.Deserialize<string[]>(env.Stdout)!.Where(e => e.StartsWith(name + "=", StringComparison.Ordinal)).ToArray();
        Assert.True(seen.Length == 1, env.Stdout);
        return seen[0][(name.Length + 1)..];
    }

    async Task RefusedAsync(string command, string reason, int exitCode = 1)
    {
        await HostileRunningApp.OfAsync(host, App);
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(command);

        Assert.True(result.ExitCode == exitCode, result.ToString());
        Assert.Contains(reason, result.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task A_value_with_equals_signs_reaches_the_app_whole()
    {
        var seen = await SetAndReadBackAsync("'DATABASE_URL=postgres://u:p@db/x?a=b==c'", "DATABASE_URL");

        Assert.Equal("postgres://u:p@db/x?a=b==c", seen);
        Assert.Contains("DATABASE_URL=postgres://u:p@db/x?a=b==c", (await host.Ssh($"config {App}")).Stdout);
    }

    [Fact]
    public async Task An_empty_value_is_set_as_empty()
    {
        var seen = await SetAndReadBackAsync("EMPTY=", "EMPTY");

        Assert.Equal("", seen);
        Assert.Contains("EMPTY=\n", (await host.Ssh($"config {App}")).Stdout);
    }

    [Fact]
    public async Task Quotes_percent_dollar_and_backslash_reach_the_app_and_not_the_units()
    {
        const string value = "it's \"100%\" $HOME ${X} %i %n `id` $(id) \\ ; x=y";

        var seen = await SetAndReadBackAsync("'TRICKY=it'\\''s \"100%\" $HOME ${X} %i %n `id` $(id) \\ ; x=y'", "TRICKY");

        Assert.Equal(value, seen);
    }

    [Fact]
    public async Task A_name_starting_with_a_digit_is_refused_and_nothing_is_written() =>
        await RefusedAsync($"config:set {App} 1BAD=x", "'1BAD' is not a valid config name");

    [Fact]
    public async Task A_name_with_a_dash_is_refused_and_nothing_is_written() =>
        await RefusedAsync($"config:set {App} MY-NAME=x", "'MY-NAME' is not a valid config name");

    [Fact]
    public async Task An_assignment_without_a_name_is_refused() =>
        await RefusedAsync($"config:set {App} =x", "is not NAME=VALUE");

    [Fact]
    public async Task One_bad_assignment_among_good_ones_writes_none_of_them()
    {
        await RefusedAsync($"config:set {App} GOOD_ONE=1 'BAD NAME=2'", "'BAD NAME' is not a valid config name");

        Assert.DoesNotContain("GOOD_ONE", (await host.Ssh($"config {App}")).Stdout);
    }

    [Fact]
    public async Task A_huge_value_is_refused_before_it_reaches_napd() =>
        await RefusedAsync($"config:set {App} HUGE={new string('x', 10_000)}", "the command is longer than 4096 bytes");

    [Fact]
    public async Task A_value_with_a_newline_cannot_add_a_second_variable() =>
        await RefusedAsync($"config:set {App} 'A=1\nLD_PRELOAD=/tmp/x.so'", "the command contains a control character");

    [Fact]
    public async Task Binary_data_in_a_value_is_refused_as_control_characters() =>
        await RefusedAsync($"config:set {App} 'BIN=\u0001\u0002\u00ff\u0007\u001b[2J'", "the command contains a control character");
}
