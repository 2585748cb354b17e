using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>A host whose napd named release images nap/APP:N before they got random tags: those releases still run.</summary>
[Collection(NapHostCollection.Name)]
public sealed class LegacyImageSpecs(NapHost host)
{
    [Fact]
    public async Task A_release_image_an_earlier_napd_named_nap_APP_N_still_rolls_back()
    {
        const string app = "legacy-image";
        using var tree = await GitWorkTree.CreateAsync(host, "hello");
        await tree.DeployHelloAsync(app);
        await File.WriteAllTextAsync(tree.File("www/index.html"), "<h1>Hello from nap, release 2</h1>\n");
        await tree.CommitAsync("release 2");
        var url = await tree.DeployHelloAsync(app);
        // What an earlier napd left behind: release 1's image called nap/APP:1, and app.json saying so.
        var state = $"/var/lib/nap/apps/{app}/app.json";
        var image = Regex.Match((await host.Exec("cat", state)).EnsureSuccess("app.json").Stdout, $"nap/{app}:1-[0-9a-f]{{32}}").Value;
        (await host.Exec("sh", "-c", $"docker tag {image} nap/{app}:1 && docker rmi {image} && sed -i 's#\"{image}\"#\"nap/{app}:1\"#' {state}"))
            .EnsureSuccess("renaming release 1's image as an earlier napd named it");

        var rollback = await host.Ssh($"rollback {app} 1");

        Assert.True(rollback.ExitCode == 0, rollback.ToString());
        var page = await HostileHost.Http.GetStringAsync(url);
        Assert.Contains("Hello from nap", page);
        Assert.DoesNotContain("release 2", page);
        var tags = (await host.Exec("docker", "images", "--format", "{{.Tag}}", $"nap/{app}")).EnsureSuccess("docker images").Stdout;
        Assert.Contains("1\n", tags);
        Assert.Matches("(?m)^3-[0-9a-f]{32}$", tags);
    }
}
