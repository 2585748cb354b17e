using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Routing;

/// <summary>Who may claim a domain among nap's apps: a real napd over its socket with apps.test as base domain.</summary>
public sealed class DomainsSpecs : IAsyncLifetime
{
    readonly NginxFixture nginx = new();
    TestNapd napd = null!;

    // The real nginx -t on a conf dir of the specs' own (no nginx runs, so none is reloaded).
    public async Task InitializeAsync() => napd = await TestNapd.StartAsync(
        s => s.AddSingleton(new NginxFrontDoor(nginx.Options)), c => c with { BaseDomain = "apps.test" });

    async Task CreateAsync(string key, string app) => Assert.Equal(0, (await napd.SendAsync(key, "git-receive-pack", app)).Code);

    [Fact]
    public async Task Many_apps_adding_one_domain_at_once_leave_it_to_exactly_one()
    {
        var apps = Enumerable.Range(1, 12).Select(i => $"race{i}").ToArray();
        foreach (var app in apps)
            await CreateAsync(Keys.Alice, app);
        // One of them serves: its nginx -t runs between its check and its write, when the others would find the domain free.
        await napd.Get<AppStateStore>().UpdateAsync(apps[0], a => a.WithAppPort(10001)
            .WithRelease(new Release(1, "0000000", Keys.Alice, DateTimeOffset.UnixEpoch, "nap/race1:1", 20005, ReleaseResult.Deployed)).WithCurrentRelease(1), default);

        var answers = await Task.WhenAll(apps.Select(app => napd.SendAsync(Keys.Alice, "domains:add", app, "contested.example.com")));

        Assert.Single(answers, a => a.Code == 0);
        Assert.Single(await napd.Get<AppStateStore>().ReadAllAsync(default), a => a.Domains.Contains("contested.example.com"));
    }

    [Fact]
    public async Task Another_apps_default_name_under_the_base_domain_is_kept_for_it_even_before_it_exists()
    {
        await CreateAsync(Keys.Bob, "blog");

        var squat = await napd.SendAsync(Keys.Bob, "domains:add", "blog", "shop.apps.test");
        var own = await napd.SendAsync(Keys.Bob, "domains:add", "blog", "www.blog.apps.test", "blog.apps.test");

        Assert.Equal(1, squat.Code);
        Assert.Equal("shop.apps.test is the name of app shop (shop.apps.test is kept for it): choose a name that is no app's, e.g. www.blog.apps.test", squat.Err.Trim());
        Assert.Equal(0, own.Code);
    }

    [Fact]
    public async Task Another_apps_environment_name_under_the_base_domain_is_kept_for_that_app()
    {
        await CreateAsync(Keys.Alice, "shop");
        await CreateAsync(Keys.Bob, "blog");
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "envs:add", "shop", "staging", "--branch", "develop")).Code);

        var squat = await napd.SendAsync(Keys.Bob, "domains:add", "blog", "staging.shop.apps.test");
        var before = await napd.SendAsync(Keys.Bob, "domains:add", "blog", "qa.shop.apps.test");
        var own = await napd.SendAsync(Keys.Alice, "domains:add", "shop", "www.shop.apps.test");
        var envOwn = await napd.SendAsync(Keys.Alice, "domains:add", "shop", "www.staging.shop.apps.test", "--env", "staging");

        Assert.Equal((1, 1), (squat.Code, before.Code));
        Assert.Contains("staging.shop.apps.test is the name of environment staging of app shop", squat.Err);
        Assert.Equal((0, 0), (own.Code, envOwn.Code));
    }

    [Fact]
    public async Task State_where_two_apps_share_a_domain_never_makes_a_domain_change_throw()
    {
        await CreateAsync(Keys.Alice, "shop");
        await CreateAsync(Keys.Bob, "blog");
        var store = napd.Get<AppStateStore>();
        // Written before napd checked: both apps name it.
        await store.UpdateAsync("shop", a => a.WithDomains(["old.example.com"]), default);
        await store.UpdateAsync("blog", a => a.WithDomains(["old.example.com"]), default);

        var fresh = await napd.SendAsync(Keys.Bob, "domains:add", "blog", "new.example.com");
        var taken = await napd.SendAsync(Keys.Carol, "git-receive-pack", "wiki") is { Code: 0 }
            ? await napd.SendAsync(Keys.Carol, "domains:add", "wiki", "old.example.com")
            : throw new InvalidOperationException("wiki was not made");

        Assert.Equal(0, fresh.Code);
        Assert.Equal(1, taken.Code);
        Assert.Contains("old.example.com is already a domain of another app (", taken.Err);
    }

    [Fact]
    public async Task An_apps_request_body_size_is_kept_and_no_size_puts_back_the_hosts_default()
    {
        await CreateAsync(Keys.Alice, "shop");

        var raised = await napd.SendAsync(Keys.Alice, "nginx:set", "shop", "client-max-body-size", "100M");
        var stored = (await napd.Get<AppStateStore>().ReadAsync("shop", default))!.RequestBodyLimit;
        var reset = await napd.SendAsync(Keys.Alice, "nginx:set", "shop", "client-max-body-size");

        Assert.Equal((0, "shop: client-max-body-size 100m"), (raised.Code, raised.Out.Trim()));
        Assert.Equal("100m", stored);
        Assert.Equal((0, "shop: client-max-body-size 64m (the host's default)"), (reset.Code, reset.Out.Trim()));
        Assert.Null((await napd.Get<AppStateStore>().ReadAsync("shop", default))!.RequestBodyLimit);
    }

    [Theory]
    [InlineData("client-max-body-size 0", "'0' is not a size from 1k to 10g (such as 512k, 100m or 2g)")]
    [InlineData("client-max-body-size 20g", "'20g' is not a size from 1k to 10g")]
    [InlineData("proxy-read-timeout 5", "'proxy-read-timeout' is not an nginx property napd sets: usage: nginx:set APP client-max-body-size [SIZE]")]
    public async Task A_bad_nginx_setting_is_refused_in_one_line(string args, string expected)
    {
        await CreateAsync(Keys.Alice, "shop");

        var answer = await napd.SendAsync(Keys.Alice, "nginx:set", ["shop", .. args.Split(' ')]);

        Assert.Equal(1, answer.Code);
        Assert.Contains(expected, answer.Err);
        Assert.Null((await napd.Get<AppStateStore>().ReadAsync("shop", default))!.RequestBodyLimit);
    }

    public async Task DisposeAsync()
    {
        await napd.DisposeAsync();
        await nginx.DisposeAsync();
    }
}
