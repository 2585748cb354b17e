using System.Text.Json;
using Nap.Deployer.Apps;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Apps;

public sealed class AppsSpecs
{
    [Fact]
    public async Task A_key_sees_only_the_apps_it_can_reach()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        await napd.SendAsync(Keys.Bob, "git-receive-pack", "blog");

        var alice = await napd.SendAsync(Keys.Alice, "apps", "--json");
        var boss = await napd.SendAsync(Keys.Boss, "apps", "--json");

        Assert.Equal(["shop"], Names(alice.Out));
        Assert.Equal(["blog", "shop"], Names(boss.Out));
    }

    [Fact]
    public async Task A_deployed_app_shows_its_release_revision_and_address()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var revision = "0123456789abcdef0123456789abcdef01234567";
        await napd.Get<AppStateStore>().UpdateAsync("shop", s => s.WithAppPort(10007)
            .WithRelease(new Release(1, revision, Keys.Alice, DateTimeOffset.UtcNow, "nap/shop:1", 20001, ReleaseResult.Deployed))
            .WithCurrentRelease(1));

        var json = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "apps", "--json")).Out).RootElement[0];
        var text = await napd.SendAsync(Keys.Alice, "apps");

        Assert.Equal("deployed", json.GetProperty("state").GetString());
        Assert.Equal(1, json.GetProperty("release").GetInt32());
        Assert.Equal(revision, json.GetProperty("revision").GetString());
        Assert.Equal("http://192.0.2.7:10007", json.GetProperty("url").GetString());
        Assert.Matches(@"^shop\s+deployed\s+#1\s+0123456\s+http://192\.0\.2\.7:10007$", text.OutLines.Single());
    }

    [Fact]
    public async Task A_key_without_apps_is_told_how_to_make_one()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Carol, "apps");

        Assert.Equal(0, answer.Code);
        Assert.Equal("no apps yet: git push nap@HOST:APP master\n", answer.Out);
        Assert.Equal("[]\n", (await napd.SendAsync(Keys.Carol, "apps", "--json")).Out);
    }

    static IEnumerable<string?> Names(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(a => a.GetProperty("name").GetString());
}
