using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

public sealed class HookOptionsSpecs
{
    [Fact]
    public void Forge_repo_branch_and_status_token_are_read_in_any_order()
    {
        var (options, problem) = HookOptions.Parse(["--repo", "git@github.com:acme/shop.git", "--branch", "release/1", "--forge", "GitHub", "--status-token", "ghp_abc"]);

        Assert.Null(problem);
        Assert.Equal(new HookOptions(Forge.GitHub, "git@github.com:acme/shop.git", "release/1", "ghp_abc"), options);
    }

    [Theory]
    [InlineData("--forge bitbucket --repo git@github.com:a/b.git", "--forge must be one of github|gitea|gitlab")]
    [InlineData("--forge github", "--repo is missing")]
    [InlineData("--forge github --repo https://github.com/a/b.git", "--repo wants the repository's ssh URL")]
    [InlineData("--forge github --repo git@github.com:a/b.git --branch -x", "--branch '-x' is not a branch name")]
    [InlineData("--forge github --repo git@github.com:a/b.git --force", "hooks:add does not take '--force' there")]
    [InlineData("--forge github --forge gitea --repo git@github.com:a/b.git", "hooks:add does not take '--forge' there")]
    public void A_wrong_option_is_refused_in_one_line_that_names_it(string args, string start)
    {
        var (options, problem) = HookOptions.Parse(args.Split(' '));

        Assert.Null(options);
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_token_dash_reads_the_token_from_stdin_so_it_stays_off_the_command_line()
    {
        string[] args = ["--forge", "gitea", "--repo", "git@git.example.org:acme/shop.git", "--status-token", "-"];

        Assert.Equal("tok_from_stdin", HookOptions.Parse(args, "tok_from_stdin\n").Options?.StatusToken);
        Assert.StartsWith("--status-token - reads the token from stdin, and none came", HookOptions.Parse(args, "").Problem, StringComparison.Ordinal);
        Assert.True(Nap.Protocol.Verbs.Find("hooks:add")!.ReadsInput(["shop", .. args]));
        Assert.False(Nap.Protocol.Verbs.Find("hooks:add")!.ReadsInput(["shop", "--forge", "gitea", "--repo", "git@git.example.org:acme/shop.git", "--status-token", "tok"]));
    }
}
