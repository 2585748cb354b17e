using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Builds;
using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Tests.Unix;

/// <summary>napd runs as root; what the nap user must use (its repos, napd's socket) is handed to it. Needs root, as napd does.</summary>
public sealed class OwnershipSpecs
{
    const int NapUid = 4242;
    const int NapGid = 4343;

    static Task<TestNapd> StartWithNapAccountAsync() =>
        TestNapd.StartAsync(configureDir: dir =>
        {
            File.WriteAllText(Path.Combine(dir.Path, "passwd"), $"root:x:0:0:root:/root:/bin/sh\nnap:x:{NapUid}:{NapGid}:nap:/var/lib/nap:/usr/sbin/nologin\n");
            File.WriteAllText(Path.Combine(dir.Path, "group"), $"root:x:0:\nnap:x:{NapGid}:\n");
        }, configureAccounts: dir => new UnixAccounts(Path.Combine(dir.Path, "passwd"), Path.Combine(dir.Path, "group")));

    [Fact]
    public async Task A_new_repository_belongs_to_the_nap_user_throughout()
    {
        await using var napd = await StartWithNapAccountAsync();

        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");

        Assert.Equal("", await Run("find", napd.Paths.Repo("shop"), "(", "!", "-uid", $"{NapUid}", "-o", "!", "-gid", $"{NapGid}", ")", "-print"));
        Assert.NotEqual("", await Run("find", napd.Paths.Repo("shop"), "-name", "pre-receive"));
    }

    [Fact]
    public async Task Napd_as_root_reads_revisions_from_a_repository_the_nap_user_owns()
    {
        await using var napd = await StartWithNapAccountAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var work = napd.Dir.Sub("work");
        var commit = await Git.CommitAsync(work, new Dictionary<string, string> { ["app.txt"] = "owned by nap\n" });
        // The spec pushes as root into nap's repository (the host pushes as nap): root's git must trust it. HOME is the work dir.
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[safe]\n\tdirectory = *\n[core]\n\thooksPath = /dev/null\n");
        Git.Check(await Git.RunAsync(work, null, "push", napd.Paths.Repo("shop"), "master"));
        Ownership.ChangeRecursive(napd.Paths.Repo("shop"), NapUid, NapGid);
        var dest = Path.Combine(napd.Dir.Path, "out");

        var resolved = napd.Get<RepoRevisions>().Resolve("shop", "master");
        await napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default);

        Assert.Equal(commit, resolved);
        Assert.Equal("owned by nap\n", File.ReadAllText(Path.Combine(dest, "app.txt")));
    }

    [Fact]
    public async Task The_socket_belongs_to_the_nap_group()
    {
        await using var napd = await StartWithNapAccountAsync();

        Assert.Equal($"{NapGid}", (await Run("stat", "-c", "%g", napd.Paths.Socket)).Trim());
    }

    [Fact]
    public void Accounts_are_read_from_the_passwd_and_group_files()
    {
        using var dir = new TestDir();
        File.WriteAllText(Path.Combine(dir.Path, "passwd"), "nap:x:998:997::/var/lib/nap:/usr/sbin/nologin\n");
        File.WriteAllText(Path.Combine(dir.Path, "group"), "nap:x:997:\n");
        var accounts = new UnixAccounts(Path.Combine(dir.Path, "passwd"), Path.Combine(dir.Path, "group"));

        Assert.Equal((998, 997), (accounts.UserId("nap"), accounts.GroupId("nap")));
        Assert.Null(accounts.UserId("napx"));
    }

    static async Task<string> Run(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
