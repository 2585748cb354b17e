using System.Text.Json;
using Nap.Deployer.Apps;
using Nap.Deployer.Tests.Support;
using Nap.Protocol;

namespace Nap.Deployer.Tests.Environments;

public sealed class EnvironmentsSpecs
{
    /// <param name="app">Another name than shop for a spec whose app leaves napd for the machine's one docker engine.</param>
    static async Task<TestNapd> WithShopAndStagingAsync(Func<Nap.Deployer.Settings.NapdConfig, Nap.Deployer.Settings.NapdConfig>? config = null, string app = "shop")
    {
        // systemd is absent here: a recorder stands in (removals stop units).
        var napd = await TestNapd.StartAsync(new RecordingSystemd("inactive").Register, config);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", app)).Code);
        var added = await napd.SendAsync(Keys.Alice, "envs:add", app, "staging", "--branch", "develop");
        Assert.Equal(0, added.Code);
        return napd;
    }

    [Fact]
    public async Task An_environment_is_its_own_slot_with_the_apps_owner_and_branch()
    {
        await using var napd = await WithShopAndStagingAsync();

        var slot = await napd.Get<AppStateStore>().ReadAsync("shop.staging");

        Assert.NotNull(slot);
        Assert.Equal(("alice", "develop", false), (slot.Owner, slot.DeployBranch, slot.Review));
        Assert.True(slot.IsDeployRef("refs/heads/develop"));
        Assert.Equal(["shop.staging"], napd.Get<AppStateStore>().EnvironmentsOf("shop"));
    }

    [Fact]
    public async Task Envs_lists_production_first_with_its_branch()
    {
        await using var napd = await WithShopAndStagingAsync();

        var json = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "envs", "shop", "--json")).Out).RootElement;

        Assert.Equal(["production", "staging"], json.EnumerateArray().Select(e => e.GetProperty("environment").GetString()));
        Assert.Equal(["master or main", "develop"], json.EnumerateArray().Select(e => e.GetProperty("branch").GetString()));
    }

    [Fact]
    public async Task Config_is_kept_per_environment()
    {
        await using var napd = await WithShopAndStagingAsync();

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "config:set", "shop", "GREETING=prod")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "config:set", "shop", "GREETING=stage", "--env", "staging")).Code);

        Assert.Contains("GREETING=prod", File.ReadAllText(napd.Paths.AppEnv("shop")));
        Assert.Contains("GREETING=stage", File.ReadAllText(napd.Paths.AppEnv("shop.staging")));
        Assert.DoesNotContain("prod", File.ReadAllText(napd.Paths.AppEnv("shop.staging")));
    }

    [Fact]
    public async Task A_verb_for_an_environment_that_does_not_exist_names_how_to_add_it()
    {
        await using var napd = await WithShopAndStagingAsync();

        var answer = await napd.SendAsync(Keys.Alice, "releases", "shop", "--env", "qa");

        Assert.Equal(1, answer.Code);
        Assert.Contains("shop: no environment 'qa'", answer.Err);
        Assert.Contains("envs:add shop qa --branch BRANCH", answer.Err);
    }

    [Theory]
    [InlineData("Staging")]
    [InlineData("stag.ing")]
    [InlineData("../x")]
    [InlineData("1st")]
    [InlineData("a-")]
    [InlineData("")]
    public async Task An_environment_name_that_is_no_dns_label_is_refused_in_one_line(string env)
    {
        await using var napd = await WithShopAndStagingAsync();

        var answer = await napd.SendAsync(Keys.Alice, "config", "shop", "--env", env);
        var add = await napd.SendAsync(Keys.Alice, "envs:add", "shop", env, "--branch", "x");

        Assert.Equal(1, answer.Code);
        Assert.Contains("environment name", answer.Err);
        Assert.Equal(1, add.Code);
        Assert.Single(add.Err.TrimEnd('\n').Split('\n'));
        Assert.Equal(["shop.staging"], napd.Get<AppStateStore>().EnvironmentsOf("shop"));
    }

    [Fact]
    public async Task Production_cannot_be_added_nor_removed_as_an_environment()
    {
        await using var napd = await WithShopAndStagingAsync();

        var add = await napd.SendAsync(Keys.Alice, "envs:add", "shop", "production", "--branch", "x");
        var remove = await napd.SendAsync(Keys.Alice, "envs:remove", "shop", "production");

        Assert.Equal((1, 1), (add.Code, remove.Code));
        Assert.Contains("production is the app itself", add.Err);
        Assert.Contains("production is the app itself", remove.Err);
        Assert.True(napd.Get<AppStateStore>().Exists("shop"));
    }

    [Fact]
    public async Task One_branch_deploys_one_environment()
    {
        await using var napd = await WithShopAndStagingAsync();

        var twice = await napd.SendAsync(Keys.Alice, "envs:add", "shop", "qa", "--branch", "develop");
        var master = await napd.SendAsync(Keys.Alice, "envs:add", "shop", "qa", "--branch", "master");

        Assert.Contains("branch develop deploys environment staging already", twice.Err);
        Assert.Contains("branch master deploys environment production already", master.Err);
    }

    [Fact]
    public async Task A_staging_only_key_uses_staging_and_is_refused_on_production_naming_it()
    {
        await using var napd = await WithShopAndStagingAsync();
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging")).Code);

        var staging = await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging");
        var production = await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1");
        var push = await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop");

        Assert.Equal(0, staging.Code);
        Assert.Equal(1, production.Code);
        Assert.Contains("shop: key bob has no access to environment production (it may use staging only", production.Err);
        Assert.False(File.Exists(napd.Paths.AppEnv("shop")) && File.ReadAllText(napd.Paths.AppEnv("shop")).Contains("A=1"));
        Assert.Equal(0, push.Code);
    }

    [Fact]
    public async Task A_key_without_access_hears_of_an_environment_what_it_hears_of_no_app()
    {
        await using var napd = await WithShopAndStagingAsync();

        var env = await napd.SendAsync(Keys.Carol, "config", "shop", "--env", "staging");
        var none = await napd.SendAsync(Keys.Carol, "config", "shoq", "--env", "staging");

        Assert.Equal(1, env.Code);
        Assert.Equal(none.Err.Replace("shoq", "shop"), env.Err);
        Assert.Equal(1, (await napd.SendAsync(Keys.Carol, "git-receive-pack", "shop")).Code);
        Assert.Equal(1, (await napd.SendAsync(Keys.Carol, "envs", "shop")).Code);
    }

    [Fact]
    public async Task An_environment_named_like_another_keys_app_reaches_nothing_of_that_app()
    {
        await using var napd = await WithShopAndStagingAsync();
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "billing")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "billing", "SECRET=bob")).Code);

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "envs:add", "shop", "billing", "--branch", "b")).Code);
        var theirs = await napd.SendAsync(Keys.Alice, "config", "billing");
        var own = await napd.SendAsync(Keys.Alice, "config", "shop", "--env", "billing");
        var bobs = await napd.SendAsync(Keys.Bob, "envs:add", "billing", "shop", "--branch", "s");
        var alices = await napd.SendAsync(Keys.Bob, "config", "shop", "--env", "billing");

        Assert.Equal(1, theirs.Code);
        Assert.Equal(0, own.Code);
        Assert.DoesNotContain("SECRET", own.Out);
        Assert.Equal(0, bobs.Code);
        Assert.Equal(1, alices.Code);
        Assert.Contains("no such app for key bob", alices.Err);
    }

    [Fact]
    public async Task Only_the_owner_adds_or_removes_environments()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);

        var add = await napd.SendAsync(Keys.Bob, "envs:add", "shop", "qa", "--branch", "qa");
        var remove = await napd.SendAsync(Keys.Bob, "envs:remove", "shop", "staging");

        Assert.Equal((1, 1), (add.Code, remove.Code));
        Assert.True(napd.Get<AppStateStore>().Exists("shop.staging"));
    }

    [Fact]
    public async Task Environments_count_toward_the_owners_apps()
    {
        await using var napd = await WithShopAndStagingAsync(c => c.WithLimits(c.Limits with { AppsPerKey = 2 }));

        var answer = await napd.SendAsync(Keys.Alice, "envs:add", "shop", "qa", "--branch", "qa");

        Assert.Equal(1, answer.Code);
        Assert.Contains("owns 2 apps and environments", answer.Err);
    }

    [Fact]
    public async Task Envs_remove_takes_the_environment_and_its_state_away()
    {
        await using var napd = await WithShopAndStagingAsync();

        var answer = await napd.SendAsync(Keys.Alice, "envs:remove", "shop", "staging");

        Assert.Equal(0, answer.Code);
        Assert.False(napd.Get<AppStateStore>().Exists("shop.staging"));
        Assert.True(napd.Get<AppStateStore>().Exists("shop"));
        Assert.True(Directory.Exists(napd.Paths.Repo("shop")));
    }

    [Fact]
    public async Task Apps_lists_each_environment_with_branch_and_address()
    {
        await using var napd = await WithShopAndStagingAsync(c => c with { BaseDomain = "nap.test" });

        var json = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "apps", "--json")).Out).RootElement;

        Assert.Equal([("shop", "production", "master or main"), ("shop", "staging", "develop")],
            json.EnumerateArray().Select(a => (a.GetProperty("name").GetString(), a.GetProperty("environment").GetString(), a.GetProperty("branch").GetString())));
    }

    [Fact]
    public async Task A_staging_only_key_sees_only_staging_in_apps()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging");

        var json = JsonDocument.Parse((await napd.SendAsync(Keys.Bob, "apps", "--json")).Out).RootElement;

        Assert.Equal(["staging"], json.EnumerateArray().Select(a => a.GetProperty("environment").GetString()));
    }

    [Fact]
    public async Task Promote_of_an_environment_that_runs_nothing_is_refused()
    {
        await using var napd = await WithShopAndStagingAsync();

        var answer = await napd.SendAsync(Keys.Alice, "promote", "shop", "staging", "production");

        Assert.Equal(1, answer.Code);
        Assert.Contains("environment staging runs nothing to promote", answer.Err);
    }

    [Fact]
    public async Task A_staging_only_key_cannot_promote_into_production()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging");

        var answer = await napd.SendAsync(Keys.Bob, "promote", "shop", "staging", "production");

        Assert.Equal(1, answer.Code);
        Assert.Contains("key bob has no access to environment production", answer.Err);
    }

    [Fact]
    public async Task Destroy_refuses_env_and_removes_every_environment_with_the_app()
    {
        // An app name of this spec's own: destroy removes the docker network nap-APP from the machine's one engine,
        // where other classes' specs (builds, steps) of an app named shop make and use nap-shop at the same time.
        const string App = "envdestroy";
        await using var napd = await WithShopAndStagingAsync(app: App);

        var withEnv = await napd.SendAsync(Keys.Alice, "destroy", App, "--force", "--env", "staging");
        var destroy = await napd.SendAsync(Keys.Alice, "destroy", App, "--force");

        Assert.Equal(1, withEnv.Code);
        Assert.Contains($"envs:remove {App} ENV", withEnv.Err);
        Assert.True(destroy.Code == 0, destroy.Err);
        Assert.Empty(napd.Get<AppStateStore>().Names());
    }

    [Fact]
    public async Task Review_apps_take_a_ttl_between_a_minute_and_a_year()
    {
        await using var napd = await WithShopAndStagingAsync();

        Assert.Equal(1, (await napd.SendAsync(Keys.Alice, "envs:review", "shop", "on", "--ttl", "10s")).Code);
        Assert.Equal(1, (await napd.SendAsync(Keys.Alice, "envs:review", "shop", "on", "--ttl", "400d")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "envs:review", "shop", "on", "--ttl", "2h")).Code);

        Assert.Equal(TimeSpan.FromHours(2), (await napd.Get<AppStateStore>().ReadAsync("shop"))!.ReviewApps!.Ttl);
    }

    [Fact]
    public void Slots_name_their_app_and_environment()
    {
        Assert.Equal("shop.staging", AppSlot.Of("shop", "staging"));
        Assert.Equal("shop", AppSlot.Of("shop", "production"));
        Assert.Equal(("shop", "staging", "staging.shop"), (AppSlot.AppOf("shop.staging"), AppSlot.EnvOf("shop.staging"), AppSlot.Host("shop.staging")));
        Assert.Null(AppSlot.Validate("shop.staging"));
        Assert.NotNull(AppSlot.Validate("shop.production"));
        Assert.NotNull(AppSlot.Validate("shop.1"));
        Assert.NotNull(AppSlot.Validate("shop.a.b"));
    }

    [Fact]
    public async Task Removing_a_key_without_env_takes_its_environment_grants_too_and_names_them()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging");

        var removed = await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob);
        var staging = await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging");

        Assert.Equal((0, "shop: key bob no longer has access (removed from staging)\n"), (removed.Code, removed.Out));
        Assert.Equal(1, staging.Code);
        Assert.Empty((await napd.Get<AppStateStore>().ReadAsync("shop.staging"))!.Access);
        Assert.Equal(1, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop")).Code);
    }

    [Fact]
    public async Task Removing_an_app_wide_key_names_every_environment_it_lost()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging");

        var removed = await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob);

        Assert.Equal("shop: key bob no longer has access (removed from production, staging)\n", removed.Out);
        Assert.Equal(1, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging")).Code);
    }

    [Fact]
    public async Task Removing_a_key_with_env_takes_that_environment_alone()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "envs:add", "shop", "qa", "--branch", "qa");
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "staging");
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "qa");

        var removed = await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob, "--env", "staging");

        Assert.Equal("shop: key bob no longer has access to environment staging\n", removed.Out);
        Assert.Equal(1, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "qa")).Code);
    }

    [Fact]
    public async Task Removing_one_environment_from_an_app_wide_grant_is_refused_naming_how()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);

        var answer = await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob, "--env", "staging");

        Assert.Equal(1, answer.Code);
        Assert.Contains("key bob has access to every environment (granted without --env); access:remove shop bob takes it away", answer.Err);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging")).Code);
    }

    [Fact]
    public async Task A_production_only_key_uses_production_and_is_refused_on_staging()
    {
        await using var napd = await WithShopAndStagingAsync();

        var added = await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "production");
        var production = await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1");
        var staging = await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging");

        Assert.Equal((0, "shop: key bob may now push and manage the releases of environment production (only)\n"), (added.Code, added.Out));
        Assert.Equal(0, production.Code);
        Assert.Equal(1, staging.Code);
        Assert.Contains("shop: key bob has no access to environment staging (it may use production only", staging.Err);
        Assert.Empty((await napd.Get<AppStateStore>().ReadAsync("shop"))!.Access);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop")).Code);
    }

    [Fact]
    public async Task Access_without_env_still_grants_every_environment_those_added_later_too()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);
        await napd.SendAsync(Keys.Alice, "envs:add", "shop", "qa", "--branch", "qa");

        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "qa")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1", "--env", "staging")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "config:set", "shop", "A=1")).Code);
    }

    [Fact]
    public async Task Access_lists_each_keys_environments()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Carol, "--env", "production");
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Carol, "--env", "staging");

        var text = await napd.SendAsync(Keys.Alice, "access", "shop");
        var json = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "access", "shop", "--json")).Out).RootElement;
        var staging = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "access", "shop", "--env", "staging", "--json")).Out).RootElement;

        Assert.Equal("alice (owner)\nbob (every environment)\ncarol (production, staging)\n", text.Out);
        Assert.Equal(["bob", "carol"], json.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("environment").ValueKind);
        Assert.Equal([(true, "production,staging"), (false, "production,staging")], json.GetProperty("grants").EnumerateArray()
            .Select(g => (g.GetProperty("all").GetBoolean(), string.Join(",", g.GetProperty("environments").EnumerateArray().Select(e => e.GetString())))));
        Assert.Equal("staging", staging.GetProperty("environment").GetString());
    }

    [Fact]
    public async Task Removing_a_production_only_key_without_env_takes_it_away()
    {
        await using var napd = await WithShopAndStagingAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob, "--env", "production");

        var removed = await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob);

        Assert.Equal("shop: key bob no longer has access (removed from production)\n", removed.Out);
        Assert.Equal(1, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop")).Code);
    }

    [Fact]
    public async Task Certs_json_names_the_app_and_the_environment_it_answers_for()
    {
        await using var napd = await WithShopAndStagingAsync();

        var staging = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "certs", "shop", "--env", "staging", "--json")).Out).RootElement;
        var production = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "certs", "shop", "--json")).Out).RootElement;

        Assert.Equal(("shop", "staging"), (staging.GetProperty("app").GetString(), staging.GetProperty("environment").GetString()));
        Assert.Equal(("shop", "production"), (production.GetProperty("app").GetString(), production.GetProperty("environment").GetString()));
        Assert.Equal(JsonValueKind.Null, staging.GetProperty("certificate").ValueKind);
    }

    [Fact]
    public async Task Access_json_names_the_app_for_an_environment_too()
    {
        await using var napd = await WithShopAndStagingAsync();

        var staging = JsonDocument.Parse((await napd.SendAsync(Keys.Alice, "access", "shop", "--env", "staging", "--json")).Out).RootElement;

        Assert.Equal(("shop", "staging", "alice"), (staging.GetProperty("app").GetString(), staging.GetProperty("environment").GetString(), staging.GetProperty("owner").GetString()));
    }
}
