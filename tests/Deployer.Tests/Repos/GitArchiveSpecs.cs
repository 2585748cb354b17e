using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Repos;

/// <summary>napd (root) extracts checkouts from repositories the nap user owns: nothing in them may run a command as root.</summary>
public sealed class GitArchiveSpecs
{
    [Fact]
    public async Task A_filter_driver_planted_in_the_repositorys_config_runs_nothing_and_the_checkout_is_the_pushed_bytes()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var repo = napd.Paths.Repo("shop");
        var marker = Path.Combine(napd.Dir.Path, "ran-as-root");
        // What a nap user who got a shell could add to its repository, to be run by root at the next checkout.
        File.AppendAllText(Path.Combine(repo, "config"), $"[filter \"evil\"]\n\tsmudge = sh -c 'touch {marker}; cat'\n\trequired = true\n");
        var work = napd.Dir.Sub("work");
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[core]\n\thooksPath = /dev/null\n");
        var commit = await Git.CommitAsync(work, new Dictionary<string, string> { [".gitattributes"] = "* filter=evil\n", ["app.txt"] = "as pushed\n" });
        Git.Check(await Git.RunAsync(work, null, "push", repo, "master"));
        var dest = Path.Combine(napd.Dir.Path, "src");

        await napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default);

        Assert.False(File.Exists(marker), "the repository's filter ran as root");
        Assert.Equal("as pushed\n", File.ReadAllText(Path.Combine(dest, "app.txt")));
    }
}
