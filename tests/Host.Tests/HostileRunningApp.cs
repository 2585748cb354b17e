using System.Collections.Concurrent;

namespace Nap.Host.Tests;

/// <summary>
/// A hello app deployed once per host and name, for the hostile pushes that must leave it serving:
/// each case starts from its good commit, pushes something bad, and checks nothing moved.
/// </summary>
public sealed class HostileRunningApp
{
    static readonly ConcurrentDictionary<string, Lazy<Task<HostileRunningApp>>> Deployed = new();

    HostileRunningApp(NapHost host, string name, GitWorkTree tree, string url, string good)
    {
        Host = host;
        Name = name;
        Tree = tree;
        Url = url;
        Good = good;
    }

    public NapHost Host { get; }
    public string Name { get; }
    public GitWorkTree Tree { get; }
    public string Url { get; }

    /// <summary>The revision that runs.</summary>
    public string Good { get; }

    public static async Task<HostileRunningApp> OfAsync(NapHost host, string name)
    {
        var app = await Deployed.GetOrAdd($"{host.ContainerId}/{name}", _ => new(() => DeployAsync(host, name))).Value;
        await app.Tree.GitAsync("checkout", "-q", "-B", "master", app.Good);
        await app.Tree.GitAsync("clean", "-qfdx");
        return app;
    }

    static async Task<HostileRunningApp> DeployAsync(NapHost host, string name)
    {
        var tree = await GitWorkTree.CreateAsync(host, "hello");
        var url = await tree.DeployHelloAsync(name);
        return new HostileRunningApp(host, name, tree, url, await tree.HeadAsync());
    }

    /// <summary>Replaces the Dockerfile with <paramref name="dockerfile"/>, commits and pushes master.</summary>
    public async Task<ExecResult> PushDockerfileAsync(string dockerfile)
    {
        await File.WriteAllTextAsync(Tree.File("Dockerfile"), dockerfile);
        await Tree.CommitAsync("hostile Dockerfile");
        return await Tree.PushAsync(Name);
    }

    /// <summary>What must not change when a push is refused: refs, active units, the nginx file.</summary>
    public async Task<string> StateAsync() =>
        await Host.RefListAsync(Name)
        + (await Host.Exec("sh", "-c", $"systemctl list-units 'nap-{Name}@*' --state=active --no-legend --plain | awk '{{print $1}}'; md5sum /etc/nginx/conf.d/nap-{Name}.conf")).Stdout;

    /// <summary>The push was rejected with <paramref name="reason"/>, and the app is as it was and still serves.</summary>
    public async Task AssertRejectedAsync(ExecResult push, string reason, string stateBefore)
    {
        Assert.True(push.ExitCode != 0, push.ToString());
        // The whole output on failure: xunit's Contains shows only the start of a push's lines.
        Assert.True(push.Stderr.Contains(reason, StringComparison.Ordinal), $"no '{reason}' in:\n{push}");
        Assert.Contains("[remote rejected] master -> master (pre-receive hook declined)", push.Stderr);
        Assert.Equal(stateBefore, await StateAsync());
        Assert.Contains($"refs/heads/master {Good}", await Host.RefListAsync(Name));
        await HostileHost.AssertStillServesAsync(Url);
    }
}
