using Nap.Protocol;

namespace Nap.Receive.Tests;

public class SshCommandParsingSpecs
{
    [Theory]
    [InlineData("git-receive-pack 'myapp'", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack 'myapp.git'", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack '/myapp.git'", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack '/myapp'", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack '~/myapp.git'", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack myapp", "git-receive-pack", "myapp")]
    [InlineData("git-receive-pack \"my-app2\"", "git-receive-pack", "my-app2")]
    [InlineData("git receive-pack 'myapp'", "git-receive-pack", "myapp")]
    [InlineData("git-upload-pack 'myapp'", "git-upload-pack", "myapp")]
    [InlineData("git upload-pack '/myapp.git'", "git-upload-pack", "myapp")]
    public void I_can_push_and_fetch_an_app_with_every_spelling_git_clients_send(string command, string verb, string app)
    {
        var git = Assert.IsType<GitCommand>(SshCommandParser.Parse(command));
        Assert.Equal(verb, git.Service.Verb);
        Assert.Equal(app, git.App);
    }

    [Theory]
    [InlineData("help", "help", new string[0])]
    [InlineData("apps --json", "apps", new[] { "--json" })]
    [InlineData("status myapp", "status", new[] { "myapp" })]
    [InlineData("status 'myapp' --json", "status", new[] { "myapp", "--json" })]
    [InlineData("logs myapp -n 50 -f", "logs", new[] { "myapp", "-n", "50", "-f" })]
    [InlineData("config:set myapp 'GREETING=hello world' X=1", "config:set", new[] { "myapp", "GREETING=hello world", "X=1" })]
    [InlineData("config:set myapp 'NAME=Zoë'", "config:set", new[] { "myapp", "NAME=Zoë" })]
    [InlineData("access:add myapp bob@laptop", "access:add", new[] { "myapp", "bob@laptop" })]
    [InlineData("destroy myapp --force", "destroy", new[] { "myapp", "--force" })]
    public void I_can_run_nap_verbs_and_they_are_forwarded_word_for_word(string command, string verb, string[] args)
    {
        var parsed = Assert.IsType<VerbCommand>(SshCommandParser.Parse(command));
        Assert.Equal(verb, parsed.Verb.Name);
        Assert.Equal(args, parsed.Args);
    }

    [Theory]
    [InlineData(null, "interactive login is not available")]
    [InlineData("", "interactive login is not available")]
    [InlineData("   ", "interactive login is not available")]
    [InlineData("''", "unknown command ''")]
    [InlineData("bash", "unknown command 'bash'")]
    [InlineData("sh -c id", "unknown command 'sh'")]
    [InlineData("scp -t /tmp", "unknown command 'scp'")]
    [InlineData("internal-sftp", "unknown command 'internal-sftp'")]
    [InlineData("git-upload-archive 'myapp'", "unknown command 'git-upload-archive'")]
    [InlineData("git status", "unknown command 'git'")]
    [InlineData("receive myapp", "unknown command 'receive'")]
    [InlineData("HELP", "unknown command 'HELP'")]
    [InlineData("ѕtatus myapp", "unknown command '?tatus'")]
    public void I_cannot_run_anything_but_git_and_nap_verbs(string? command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("git-receive-pack 'a;id'", "'a;id' is not a valid app name")]
    [InlineData("git-receive-pack 'a$(id)'", "'a$(id)' is not a valid app name")]
    [InlineData("git-receive-pack 'a`id`'", "'a`id`' is not a valid app name")]
    [InlineData("git-receive-pack 'a|id'", "'a|id' is not a valid app name")]
    [InlineData("git-receive-pack 'a b'", "'a b' is not a valid app name")]
    public void I_cannot_push_to_an_app_name_with_shell_metacharacters(string command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("git-receive-pack '../x'", "'../x' is not a valid app name")]
    [InlineData("git-receive-pack '/../x.git'", "'../x' is not a valid app name")]
    [InlineData("git-receive-pack 'a/b'", "'a/b' is not a valid app name")]
    [InlineData("git-receive-pack '/var/lib/nap/repos/x.git'", "'var/lib/nap/repos/x' is not a valid app name")]
    [InlineData("git-receive-pack '//x'", "'/x' is not a valid app name")]
    [InlineData("git-receive-pack '~bob/x'", "'~bob/x' is not a valid app name")]
    [InlineData("git-receive-pack 'x.git.git'", "'x.git' is not a valid app name")]
    [InlineData("git-receive-pack 'x/'", "'x/' is not a valid app name")]
    public void I_cannot_push_to_a_path_outside_the_app_s_repository(string command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("git-receive-pack 'MyApp'", "'MyApp' is not a valid app name")]
    [InlineData("git-receive-pack '1app'", "'1app' is not a valid app name")]
    [InlineData("git-receive-pack '-app'", "'-app' is not a valid app name")]
    [InlineData("git-receive-pack 'app-'", "'app-' is not a valid app name")]
    [InlineData("git-receive-pack 'my_app'", "'my_app' is not a valid app name")]
    [InlineData("git-receive-pack 'my.app'", "'my.app' is not a valid app name")]
    [InlineData("git-receive-pack ''", "an app name is required")]
    [InlineData("git-receive-pack '.git'", "an app name is required")]
    [InlineData("git-receive-pack 'аpp'", "'?pp' is not a valid app name")]
    [InlineData("git-receive-pack 'apр'", "'ap?' is not a valid app name")]
    [InlineData("git-receive-pack 'ａpp'", "'?pp' is not a valid app name")]
    public void I_cannot_push_to_a_name_that_is_not_a_DNS_label_and_the_message_shows_the_rule(string command, string reason)
    {
        AssertRefused(command, reason);
        AssertRefused(command, AppName.Rule);
    }

    [Fact]
    public void I_cannot_push_to_a_name_of_64_characters_or_more()
    {
        AssertRefused($"git-receive-pack '{new string('a', 64)}'", AppName.Rule);
        Assert.IsType<GitCommand>(SshCommandParser.Parse($"git-receive-pack '{new string('a', 63)}'"));
    }

    [Theory]
    [InlineData("nap")]
    [InlineData("napd")]
    [InlineData("root")]
    [InlineData("git")]
    public void I_cannot_push_to_a_reserved_name(string name) =>
        AssertRefused($"git-receive-pack '{name}'", $"'{name}' is a reserved name");

    [Theory]
    [InlineData("git-receive-pack", "takes exactly one repository")]
    [InlineData("git-receive-pack 'a' 'b'", "takes exactly one repository")]
    [InlineData("git receive-pack", "takes exactly one repository")]
    [InlineData("git-upload-pack 'a' --strict", "takes exactly one repository")]
    public void I_cannot_run_git_with_other_than_one_repository(string command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("git-receive-pack 'myapp'\nid", "control character")]
    [InlineData("git-receive-pack 'myapp'\rid", "control character")]
    [InlineData("git-receive-pack 'my\0app'", "control character")]
    [InlineData("status\tmyapp", "control character")]
    [InlineData("status myapp\u001b[2J", "control character")]
    [InlineData("status myapp\u007f", "control character")]
    [InlineData("status myapp\u0085", "control character")]
    public void I_cannot_send_newlines_NUL_or_other_control_characters(string command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("'git-receive-pack 'myapp", "unknown command 'git-receive-pack myapp'")]
    [InlineData("git-receive-pack 'myapp", "single quote is not closed")]
    [InlineData("git-receive-pack myapp'", "single quote is not closed")]
    [InlineData("git-receive-pack \"myapp", "double quote is not closed")]
    [InlineData("git-receive-pack 'my'app'", "single quote is not closed")]
    [InlineData("git-receive-pack 'my\"app'", "'my\"app' is not a valid app name")]
    [InlineData("git-receive-pack \"my'app\"", "'my'app' is not a valid app name")]
    [InlineData("git-receive-pack my\\'app", "'my'app' is not a valid app name")]
    [InlineData("git-receive-pack 'myapp\\'", "'myapp\\' is not a valid app name")]
    [InlineData("git-receive-pack \\", "ends with a backslash")]
    public void I_cannot_smuggle_anything_with_quotes_in_any_position(string command, string reason) =>
        AssertRefused(command, reason);

    [Fact]
    public void Quotes_around_the_verb_or_inside_the_name_only_group_characters()
    {
        Assert.Equal("myapp", Assert.IsType<GitCommand>(SshCommandParser.Parse("'git-receive-pack' my'app'")).App);
        Assert.Equal("myapp", Assert.IsType<GitCommand>(SshCommandParser.Parse("\"git\" 'receive-pack' \"/my\"app.git")).App);
    }

    [Fact]
    public void I_cannot_send_a_command_longer_than_4_KiB()
    {
        AssertRefused($"git-receive-pack '{new string('a', 10_000)}'", "longer than 4096 bytes");
        AssertRefused($"config:set myapp 'A={new string('é', 2100)}'", "longer than 4096 bytes");
    }

    [Fact]
    public void A_command_of_exactly_4_KiB_is_still_read()
    {
        var prefix = "config:set myapp A=";
        var command = prefix + new string('x', SshCommandParser.MaxBytes - prefix.Length);

        Assert.IsType<VerbCommand>(SshCommandParser.Parse(command));
        AssertRefused(command + "x", "longer than 4096 bytes");
    }

    [Theory]
    [InlineData("help --json", "'help' has no --json")]
    [InlineData("logs myapp --json", "'logs' has no --json")]
    [InlineData("destroy myapp --force --json", "'destroy' has no --json")]
    public void I_cannot_ask_for_json_from_a_verb_that_has_none(string command, string reason) =>
        AssertRefused(command, reason);

    [Theory]
    [InlineData("status", "'status' needs an app name: use status APP [--json]")]
    [InlineData("logs", "'logs' needs an app name")]
    [InlineData("destroy", "'destroy' needs an app name")]
    [InlineData("status --json", "'--json' is not a valid app name")]
    [InlineData("status ../x", "'../x' is not a valid app name")]
    [InlineData("status 'a;id'", "'a;id' is not a valid app name")]
    [InlineData("status nap", "'nap' is a reserved name")]
    public void I_cannot_run_a_verb_without_a_valid_app_name(string command, string reason) =>
        AssertRefused(command, reason);

    static void AssertRefused(string? command, string reason)
    {
        var refusal = Assert.IsType<Refusal>(SshCommandParser.Parse(command));
        Assert.Contains(reason, refusal.Reason);
        Assert.DoesNotContain('\n', refusal.Reason);
    }

    [Theory]
    [InlineData("releases shop --env staging --json", new[] { "shop", "--env", "staging", "--json" })]
    [InlineData("config:set shop A=1 B=2 --env staging", new[] { "shop", "A=1", "B=2", "--env", "staging" })]
    [InlineData("rollback shop 3 --env=staging", new[] { "shop", "3", "--env=staging" })]
    [InlineData("promote shop staging production", new[] { "shop", "staging", "production" })]
    public void Env_is_no_argument_of_the_verbs_own_and_passes_to_napd(string command, string[] args)
    {
        var parsed = Assert.IsType<VerbCommand>(SshCommandParser.Parse(command));

        Assert.Equal(args, parsed.Args);
    }

    [Theory]
    [InlineData("apps --env staging", "'apps' has no --env")]
    [InlineData("stop shop extra --env staging", "too many arguments for 'stop'")]
    public void Env_on_a_verb_without_an_app_or_beside_an_extra_word_is_refused(string command, string reason) =>
        AssertRefused(command, reason);
}
