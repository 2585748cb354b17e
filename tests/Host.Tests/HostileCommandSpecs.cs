namespace Nap.Host.Tests;

/// <summary>
/// Issue 7, hostile input to the forced command: whatever a key sends over real ssh, nap-receive
/// answers with one reason and the short help, exits 1, and nothing appears on the host.
/// </summary>
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
[Collection(NapHostCollection.Name)]
public sealed class HostileCommandSpecs(NapHost host)
{
    /// <summary>Sends <paramref name="command"/> over ssh and asserts the refusal and that the host is unchanged.</summary>
    async Task<ExecResult> RefusedAsync(string? command, string reason)
    {
        var before = await host.SnapshotAsync();

        var result = await host.Ssh(host.TestKey, [], command);

        HostileHost.AssertRefused(result, reason);
        Assert.DoesNotContain("uid=", result.Output);
        Assert.Equal(before, await host.SnapshotAsync());
        return result;
    }

    [Fact]
    public async Task An_interactive_login_is_refused_with_the_list_of_commands() =>
        await RefusedAsync(null, "nap: interactive login is not available");

    [Fact]
    public async Task A_command_of_only_spaces_is_an_interactive_login_too() =>
        await RefusedAsync("    ", "nap: interactive login is not available");

    [Fact]
    public async Task A_semicolon_in_the_pushed_name_runs_nothing_and_creates_no_repo()
    {
        await RefusedAsync("git-receive-pack 'a;id'", "'a;id' is not a valid app name");
        await host.AssertNoTraceOfAsync("a;id");
        await host.AssertNoTraceOfAsync("a");
    }

    [Fact]
    public async Task A_pipe_after_an_app_name_is_part_of_the_name_and_refused() =>
        await RefusedAsync("status hostile|id", "'hostile|id' is not a valid app name");

    [Fact]
    public async Task A_command_chained_with_and_and_is_refused_whole_not_run_in_part() =>
        await RefusedAsync("apps && id", "too many arguments for 'apps' (at most 1): use apps [--json]");

    [Fact]
    public async Task A_command_substitution_is_not_expanded() =>
        await RefusedAsync("git-receive-pack '$(id)'", "'$(id)' is not a valid app name");

    [Fact]
    public async Task Backticks_are_not_expanded() =>
        await RefusedAsync("status `id`", "'`id`' is not a valid app name");

    [Fact]
    public async Task A_newline_cannot_start_a_second_command() =>
        await RefusedAsync("help\nid", "the command contains a control character (newline, tab, NUL...)");

    [Fact]
    public async Task A_newline_inside_a_quoted_app_name_is_refused() =>
        await RefusedAsync("git-receive-pack 'hostile\nid'", "the command contains a control character");

    [Fact]
    public async Task A_tab_between_words_is_refused() =>
        await RefusedAsync("status\thostile", "the command contains a control character");

    [Fact]
    public async Task An_unclosed_single_quote_before_the_name_is_refused() =>
        await RefusedAsync("git-receive-pack 'hostile", "the command cannot be read: a single quote is not closed");

    [Fact]
    public async Task An_unclosed_single_quote_after_the_name_is_refused() =>
        await RefusedAsync("git-receive-pack hostile'", "the command cannot be read: a single quote is not closed");

    [Fact]
    public async Task An_unclosed_double_quote_is_refused() =>
        await RefusedAsync("status \"hostile", "the command cannot be read: a double quote is not closed");

    [Fact]
    public async Task A_quote_inside_the_name_stays_in_the_name_and_is_refused() =>
        await RefusedAsync("git-receive-pack \"hos\\\"tile\"", "'hos\"tile' is not a valid app name");

    [Fact]
    public async Task A_trailing_backslash_is_refused() =>
        await RefusedAsync("status hostile\\", "the command cannot be read: the command ends with a backslash");

    [Fact]
    public async Task A_10_kB_argument_is_refused_before_anything_reads_it() =>
        await RefusedAsync($"git-receive-pack '{new string('a', 10_000)}'", "the command is longer than 4096 bytes");

    [Fact]
    public async Task An_unknown_verb_is_refused_by_name() =>
        await RefusedAsync("rm -rf /var/lib/nap", "unknown command 'rm': use one of the commands below");

    [Fact]
    public async Task A_verb_without_its_app_is_refused_with_its_usage() =>
        await RefusedAsync("status", "'status' needs an app name: use status APP [--json]");

    [Fact]
    public async Task A_verb_with_an_extra_argument_is_refused_rather_than_half_done() =>
        await RefusedAsync("stop hostile-one hostile-two", "too many arguments for 'stop' (at most 1): use stop APP");

    [Fact]
    public async Task A_push_with_two_repositories_is_refused() =>
        await RefusedAsync("git-receive-pack 'hostile-a' 'hostile-b'", "git-receive-pack takes exactly one repository");

    [Fact]
    public async Task A_push_without_a_repository_is_refused() =>
        await RefusedAsync("git-receive-pack", "git-receive-pack takes exactly one repository");

    [Fact]
    public async Task Json_on_a_verb_that_has_none_is_refused() =>
        await RefusedAsync("logs hostile --json", "'logs' has no --json: use logs APP [-n N] [-f]");

    [Fact]
    public async Task A_cyrillic_look_alike_name_is_refused_and_shown_in_plain_ascii()
    {
        var result = await RefusedAsync("git-receive-pack 'hostile-\u0430pp'", "'hostile-?pp' is not a valid app name");
        Assert.DoesNotContain("\u0430", result.Output);
    }

    [Fact]
    public async Task A_name_that_climbs_out_with_dot_dot_is_refused()
    {
        await RefusedAsync("git-receive-pack '../../etc/nap'", "'../../etc/nap' is not a valid app name");
        Assert.Equal(0, (await host.Exec("test", "!", "-e", "/var/lib/etc")).ExitCode);
    }

    [Fact]
    public async Task A_name_with_a_slash_is_refused() =>
        await RefusedAsync("git-receive-pack 'hostile/inner.git'", "'hostile/inner' is not a valid app name");

    [Fact]
    public async Task An_uppercase_name_is_refused_with_the_rule() =>
        await RefusedAsync("git-receive-pack 'Hostile'", "'Hostile' is not a valid app name: use lowercase letters, digits and '-'");

    [Fact]
    public async Task A_name_starting_with_a_digit_is_refused() =>
        await RefusedAsync("git-receive-pack '1hostile'", "'1hostile' is not a valid app name");

    [Fact]
    public async Task A_name_ending_with_a_dash_is_refused() =>
        await RefusedAsync("git-receive-pack 'hostile-'", "'hostile-' is not a valid app name");

    [Fact]
    public async Task A_name_of_64_characters_is_refused() =>
        await RefusedAsync($"git-receive-pack 'h{new string('x', 63)}'", "is not a valid app name: use lowercase letters, digits and '-', starting with a letter, not ending with '-', at most 63 characters");

    [Theory]
    [InlineData("nap")]
    [InlineData("napd")]
    [InlineData("root")]
    public async Task A_reserved_name_is_refused(string name)
    {
        await RefusedAsync($"git-receive-pack '{name}'", $"'{name}' is a reserved name: choose another app name");
        await host.AssertNoTraceOfAsync(name);
    }

    [Fact]
    public async Task A_real_git_push_to_a_name_with_a_semicolon_fails_and_creates_nothing()
    {
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var before = await host.SnapshotAsync();

        var push = await app.PushAsync("hostile;id");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("'hostile;id' is not a valid app name", push.Stderr);
        Assert.Contains("Could not read from remote repository", push.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
    }

    [Fact]
    public async Task Cloning_an_app_that_does_not_exist_is_refused_and_creates_nothing()
    {
        var into = Directory.CreateTempSubdirectory("nap-clone-").FullName;
        var before = await host.SnapshotAsync();

        var clone = await Run.Async("git", ["clone", $"nap@{host.Ip}:hostile-never-pushed", into + "/c"], env: host.GitEnvironment);

        Directory.Delete(into, recursive: true);
        Assert.NotEqual(0, clone.ExitCode);
        Assert.Contains("hostile-never-pushed: no such app for key tester (a new app is made by its first push", clone.Stderr);
        Assert.Equal(before, await host.SnapshotAsync());
    }
}
