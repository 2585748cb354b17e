using System.Text.Json;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Apps;

public sealed class AccessSpecs
{
    static async Task<TestNapd> WithAppOwnedByAliceAsync()
    {
        var napd = await TestNapd.StartAsync();
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);
        return napd;
    }

    [Fact]
    public async Task The_first_key_to_push_owns_the_app()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        var answer = await napd.SendAsync(Keys.Alice, "access", "shop");

        Assert.Equal(0, answer.Code);
        Assert.Equal("alice (owner)\n", answer.Out);
    }

    [Fact]
    public async Task A_key_without_access_hears_what_it_would_hear_of_an_app_that_does_not_exist()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        var theirs = await napd.SendAsync(Keys.Bob, "access", "shop");
        var missing = await napd.SendAsync(Keys.Bob, "access", "shoq");

        Assert.Equal((1, "shop: no such app for key bob (a new app is made by its first push: git push nap@HOST:shop master)\n"), (theirs.Code, theirs.Err));
        Assert.Equal((missing.Code, missing.Err.Replace("shoq", "shop")), (theirs.Code, theirs.Err));
    }

    [Fact]
    public async Task The_owner_grants_access_and_the_grantee_may_then_push()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob)).Code);

        Assert.Equal(0, (await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop")).Code);
        var list = JsonDocument.Parse((await napd.SendAsync(Keys.Bob, "access", "shop", "--json")).Out).RootElement;
        Assert.Equal("alice", list.GetProperty("owner").GetString());
        Assert.Equal(["bob"], list.GetProperty("keys").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task A_grantee_may_not_grant_others()
    {
        await using var napd = await WithAppOwnedByAliceAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);

        var answer = await napd.SendAsync(Keys.Bob, "access:add", "shop", Keys.Carol);

        Assert.Equal(1, answer.Code);
        Assert.Contains("only its owner alice or an admin may do this, not key bob", answer.Err);
        Assert.Equal(1, (await napd.SendAsync(Keys.Carol, "git-receive-pack", "shop")).Code);
    }

    [Fact]
    public async Task An_admin_reaches_and_manages_every_app()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        Assert.Equal(0, (await napd.SendAsync(Keys.Boss, "git-receive-pack", "shop")).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Boss, "access:add", "shop", Keys.Carol)).Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Carol, "access", "shop")).Code);
    }

    [Fact]
    public async Task Only_existing_keys_can_be_granted()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        var answer = await napd.SendAsync(Keys.Alice, "access:add", "shop", "mallory");

        Assert.Equal(1, answer.Code);
        Assert.Contains("no key named 'mallory'", answer.Err);
    }

    [Fact]
    public async Task Removing_access_takes_the_push_right_away()
    {
        await using var napd = await WithAppOwnedByAliceAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob)).Code);

        var answer = await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop");
        Assert.Equal(1, answer.Code);
        Assert.Equal("shop: access denied for key bob\n", answer.Err);
    }

    [Fact]
    public async Task The_owners_access_cannot_be_removed()
    {
        await using var napd = await WithAppOwnedByAliceAsync();

        var answer = await napd.SendAsync(Keys.Boss, "access:remove", "shop", Keys.Alice);

        Assert.Equal(1, answer.Code);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "access", "shop")).Code);
    }

    [Fact]
    public async Task A_granted_key_that_left_authorized_keys_is_marked_and_can_still_be_removed()
    {
        await using var napd = await WithAppOwnedByAliceAsync();
        await napd.SendAsync(Keys.Alice, "access:add", "shop", Keys.Bob);
        File.WriteAllText(napd.Paths.AuthorizedKeys, Keys.Line("/usr/local/bin/nap-receive", Keys.Alice, admin: false));
        File.SetLastWriteTimeUtc(napd.Paths.AuthorizedKeys, DateTime.UtcNow.AddSeconds(5));

        Assert.Equal("alice (owner)\nbob (every environment) (no longer in authorized_keys)\n", (await napd.SendAsync(Keys.Alice, "access", "shop")).Out);
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "access:remove", "shop", Keys.Bob)).Code);
        Assert.Equal("alice (owner)\n", (await napd.SendAsync(Keys.Alice, "access", "shop")).Out);
    }

    [Fact]
    public async Task A_missing_app_is_named_as_missing()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Alice, "access", "nothere");

        Assert.Equal(1, answer.Code);
        Assert.StartsWith("nothere: no such app", answer.Err);
    }
}
