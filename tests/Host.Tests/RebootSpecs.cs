using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>A host restart brings every app back at its address: enabled release units, nginx's files on disk.</summary>
public sealed partial class RebootSpecs
{
    [GeneratedRegex(@"deployed: http://[^:]+:(\d+) ")]
    private static partial Regex Deployed();

    static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    [Fact]
    public async Task After_a_restart_of_the_whole_host_the_app_serves_again_on_the_same_port()
    {
        await using var host = await NapHost.BootAsync();
        using var app = await GitWorkTree.CreateAsync(host, "hello");
        var push = await app.PushAsync("boot1");
        var match = Deployed().Match(push.Output);
        Assert.True(match.Success, push.ToString());
        var port = match.Groups[1].Value;

        (await Run.Async("docker", ["restart", "-t", "5", host.ContainerId])).EnsureSuccess("docker restart");
        await host.Exec("systemctl", "is-system-running", "--wait");
        var ip = (await Run.Async("docker", ["inspect", "-f", "{{.NetworkSettings.IPAddress}}", host.ContainerId])).Stdout.Trim();

        var body = "";
        for (var until = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < until && !body.Contains("Hello from nap", StringComparison.Ordinal);)
        {
            try
            {
                body = await Http.GetStringAsync($"http://{ip}:{port}/");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await Task.Delay(500);
            }
        }
        Assert.Contains("Hello from nap", body);
    }
}
