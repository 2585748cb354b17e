namespace Nap.Host.Tests;

/// <summary>One deploy per app at a time, apps side by side (issue 4).</summary>
[Collection(NapHostCollection.Name)]
public sealed class ConcurrentPushSpecs(NapHost host)
{
    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    static async Task<GitWorkTree> PageAsync(NapHost host, string page)
    {
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(tree.File("www/index.html"), $"<h1>{page}</h1>\n");
        await tree.CommitAsync(page);
        return tree;
    }

    [Fact]
    public async Task Two_pushes_of_one_app_at_once_deploy_one_and_refuse_the_other_before_it_runs()
    {
        using var first = await PageAsync(host, "first pusher");
        using var second = await PageAsync(host, "second pusher");

        var pushes = await Task.WhenAll(first.PushAsync("pair"), second.PushAsync("pair"));

        var won = Assert.Single(pushes, p => p.ExitCode == 0);
        var lost = Assert.Single(pushes, p => p.ExitCode != 0);
        Assert.Contains("-----> waiting for the deploy of pair started by tester", lost.Output);
        Assert.True(lost.Output.Contains("moved to", StringComparison.Ordinal), lost.ToString());
        Assert.DoesNotContain("-----> Building", lost.Output);
        var winner = won == pushes[0] ? first : second;
        var master = await host.Exec("git", "-c", "safe.directory=*", "-C", "/var/lib/nap/repos/pair.git", "rev-parse", "master");
        Assert.Equal(await winner.HeadAsync(), master.Stdout.Trim());
        var url = System.Text.RegularExpressions.Regex.Match(won.Output, @"deployed: (http://\S+)").Groups[1].Value;
        Assert.Contains(winner == first ? "first pusher" : "second pusher", await Http.GetStringAsync(url));
    }

    [Fact]
    public async Task Pushes_of_two_apps_at_once_both_deploy_without_waiting()
    {
        using var left = await PageAsync(host, "left app");
        using var right = await PageAsync(host, "right app");

        var pushes = await Task.WhenAll(left.PushAsync("left"), right.PushAsync("right"));

        Assert.All(pushes, p => Assert.True(p.ExitCode == 0, p.ToString()));
        Assert.All(pushes, p => Assert.DoesNotContain("waiting for the deploy", p.Output));
        Assert.All(pushes, p => Assert.Contains("=====> ", p.Output));
    }
}
