using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>A webhook deploys production: its verbs refuse --env rather than make a hook no delivery can reach.</summary>
public sealed class HookScopeSpecs
{
    [Theory]
    [InlineData("hooks:add", "--forge", "github", "--repo", "git@github.com:acme/shop.git", "--branch", "develop")]
    [InlineData("hooks")]
    [InlineData("hooks:deliveries")]
    [InlineData("hooks:remove")]
    public async Task Hooks_verbs_refuse_an_environment_in_one_line_and_make_no_hook(string verb, params string[] rest)
    {
        await using var napd = await TestNapd.StartAsync(new RecordingSystemd("inactive").Register);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "envs:add", "shop", "staging", "--branch", "develop")).Code);

        var answer = await napd.SendAsync(Keys.Alice, verb, ["shop", .. rest, "--env", "staging"]);

        Assert.NotEqual(0, answer.Code);
        Assert.Contains("webhooks deploy an app's production only: drop --env staging", answer.Err);
        Assert.False(Directory.Exists(Path.Combine(napd.Paths.App("shop.staging"), "hooks")));
        Assert.False(Directory.Exists(Path.Combine(napd.Paths.App("shop"), "hooks")));
    }
}
