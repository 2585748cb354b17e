using LibGit2Sharp;
using Nap.Deployer.Apps;
using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Repos;

public sealed class RepoCreationSpecs
{
    const UnixFileMode Mode0755 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    [Fact]
    public async Task The_first_push_creates_a_bare_repository_with_the_pre_receive_hook()
    {
        await using var napd = await TestNapd.StartAsync(config: c => c.WithReceiveBinary("/opt/nap/nap-receive"));

        var answer = await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");

        Assert.Equal(0, answer.Code);
        Assert.Contains("Created shop, owned by key alice", answer.Err);
        Assert.Empty(answer.Out);
        using (var repo = new Repository(napd.Paths.Repo("shop")))
            Assert.True(repo.Info.IsBare);
        var hook = Path.Combine(napd.Paths.Repo("shop"), "hooks", "pre-receive");
        Assert.Equal("#!/bin/sh\nexec /opt/nap/nap-receive hook pre-receive\n", File.ReadAllText(hook));
        Assert.Equal(Mode0755, File.GetUnixFileMode(hook));
    }

    [Fact]
    public async Task A_symlink_the_nap_user_put_in_place_of_hooks_is_never_followed_by_root()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var hooks = Path.Combine(napd.Paths.Repo("shop"), "hooks");
        var elsewhere = napd.Dir.Sub("etc-of-the-host");
        Directory.Delete(hooks, recursive: true);
        File.CreateSymbolicLink(hooks, elsewhere);

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);

        Assert.Empty(Directory.GetFileSystemEntries(elsewhere));
        Assert.Null(new DirectoryInfo(hooks).LinkTarget);
        Assert.Equal(RepoStore.PreReceiveHook(napd.Config.ReceiveBinary), File.ReadAllText(Path.Combine(hooks, "pre-receive")));
    }

    [Fact]
    public async Task A_symlink_in_place_of_the_hook_is_replaced_and_what_it_pointed_at_keeps_its_mode_and_content()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var hook = Path.Combine(napd.Paths.Repo("shop"), "hooks", "pre-receive");
        var shadow = Path.Combine(napd.Dir.Sub("host"), "shadow");
        File.WriteAllText(shadow, "root:secret\n");
        File.SetUnixFileMode(shadow, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Delete(hook);
        File.CreateSymbolicLink(hook, shadow);

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);

        Assert.Equal((UnixFileMode.UserRead | UnixFileMode.UserWrite, "root:secret\n"), (File.GetUnixFileMode(shadow), File.ReadAllText(shadow)));
        Assert.Null(new FileInfo(hook).LinkTarget);
        Assert.Equal(Mode0755, File.GetUnixFileMode(hook));
    }

    [Fact]
    public async Task Every_push_reinstalls_the_hook_so_upgrades_reach_old_repos()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var hook = Path.Combine(napd.Paths.Repo("shop"), "hooks", "pre-receive");
        File.WriteAllText(hook, "#!/bin/sh\nexit 0\n");

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);

        Assert.Equal(RepoStore.PreReceiveHook(napd.Config.ReceiveBinary), File.ReadAllText(hook));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(hook)!, "*.tmp"));
    }

    [Fact]
    public void A_receive_binary_path_with_spaces_is_quoted_for_sh() =>
        Assert.Equal("#!/bin/sh\nexec '/opt/my nap/it'\\''s' hook pre-receive\n", RepoStore.PreReceiveHook("/opt/my nap/it's"));

    [Theory]
    [InlineData("a;id")]
    [InlineData("../x")]
    [InlineData("Shop")]
    [InlineData("shop\nrm")]
    [InlineData("nap")]
    [InlineData("")]
    public async Task A_bad_or_reserved_name_creates_nothing(string name)
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Alice, "git-receive-pack", name);

        Assert.Equal(1, answer.Code);
        Assert.False(Directory.Exists(napd.Paths.ReposDir) && Directory.EnumerateFileSystemEntries(napd.Paths.ReposDir).Any());
        Assert.False(Directory.Exists(napd.Paths.AppsDir) && Directory.EnumerateFileSystemEntries(napd.Paths.AppsDir).Any());
    }

    [Fact]
    public async Task A_ten_kilobyte_name_is_refused_with_a_short_message()
    {
        await using var napd = await TestNapd.StartAsync();

        var answer = await napd.SendAsync(Keys.Alice, "git-receive-pack", new string('a', 10_000));

        Assert.Equal(1, answer.Code);
        Assert.True(answer.Err.Length < 300);
    }

    [Fact]
    public async Task A_push_without_access_writes_nothing()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var state = File.ReadAllText(napd.Paths.AppState("shop"));
        var hook = Path.Combine(napd.Paths.Repo("shop"), "hooks", "pre-receive");
        File.WriteAllText(hook, "marker");

        var answer = await napd.SendAsync(Keys.Bob, "git-receive-pack", "shop");

        Assert.Equal("shop: access denied for key bob\n", answer.Err);
        Assert.Equal(state, File.ReadAllText(napd.Paths.AppState("shop")));
        Assert.Equal("marker", File.ReadAllText(hook));
    }

    [Fact]
    public async Task Fetching_needs_access_and_a_repository()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");

        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-upload-pack", "shop")).Code);
        Assert.StartsWith("shop: no such app for key bob (", (await napd.SendAsync(Keys.Bob, "git-upload-pack", "shop")).Err);
        Assert.Equal(1, (await napd.SendAsync(Keys.Alice, "git-upload-pack", "other")).Code);
    }

    [Fact]
    public async Task Two_keys_racing_to_create_one_app_leave_exactly_one_owner()
    {
        await using var napd = await TestNapd.StartAsync();

        var answers = await Task.WhenAll(
            napd.SendAsync(Keys.Alice, "git-receive-pack", "race"),
            napd.SendAsync(Keys.Bob, "git-receive-pack", "race"),
            napd.SendAsync(Keys.Carol, "git-receive-pack", "race"));

        Assert.Single(answers, a => a.Code == 0);
        Assert.Equal(2, answers.Count(a => a.Err.Contains("access denied")));
    }
}
