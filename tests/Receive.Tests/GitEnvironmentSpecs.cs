namespace Nap.Receive.Tests;

public sealed class GitEnvironmentSpecs
{
    static readonly Dictionary<string, string> Client = new()
    {
        ["HOME"] = "/var/lib/nap", ["LANG"] = "C.UTF-8", ["PATH"] = "/tmp/evil:/usr/bin", ["GIT_DIR"] = "/etc",
        ["GIT_CONFIG_PARAMETERS"] = "'core.fsmonitor'='sh -c id'", ["LD_PRELOAD"] = "/tmp/evil.so", ["GIT_PROTOCOL"] = "version=2",
    };

    [Fact]
    public void Git_gets_a_fixed_path_the_accounts_variables_and_who_pushes_what_and_nothing_else()
    {
        var env = GitEnvironment.For("alice", "shop", name => Client.GetValueOrDefault(name));

        Assert.Equal(["GIT_PROTOCOL", "HOME", "LANG", "NAP_APP", "NAP_KEY", "PATH"], env.Keys.Order());
        Assert.Equal(("alice", "shop", "/var/lib/nap"), (env["NAP_KEY"], env["NAP_APP"], env["HOME"]));
        Assert.DoesNotContain("/tmp/evil", env["PATH"]);
    }

    [Fact]
    public void A_git_protocol_value_that_is_no_plain_version_is_dropped() =>
        Assert.False(GitEnvironment.For("alice", "shop", name => name == "GIT_PROTOCOL" ? "version=2:evil" : null).ContainsKey("GIT_PROTOCOL"));
}
