using System.Text.RegularExpressions;

namespace Nap.Host.Tests;

/// <summary>
/// A second key's builds against the first key's app in the host's one docker engine: naming the first app's release
/// image (FROM, COPY --from, RUN --mount from=, a syntax directive) is refused with its one line before anything is
/// built; writing the first app's cache mounts or reusing a step it ran reaches only the second app's own caches. The
/// first tenant's app keeps serving through all of it.
/// </summary>
[Collection(NapHostCollection.Name)]
// Debian 13's docker (26, buildx) builds with a later BuildKit: the walls must hold under both.
[Trait(Debian13Pass.Trait, Debian13Pass.Included)]
public sealed partial class HostileBuildBoundarySpecs(NapHost host) : IAsyncLifetime
{
    const string First = "build-one";

    // The first tenant's app: a file it would keep to itself, a dependency cache of its own, and a build-time token.
    const string FirstDockerfile = """
        FROM local/busybox:latest
        RUN busybox head -c 16 /dev/urandom | busybox od -An -tx1 | busybox tr -d ' \n' > /token.txt
        COPY www /www
        RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,id=deps,target=/deps [ -f /root/.m2/dep ] || echo own dependency > /root/.m2/dep; [ -f /deps/dep ] || echo own dependency > /deps/dep; cat /root/.m2/dep /deps/dep > /www/dep.txt; cp /token.txt /www/token.txt
        EXPOSE 8080
        CMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
        """;

    static readonly string Secret = $"the first tenant's secret {Guid.NewGuid():N}";

    // xunit makes an instance per case; the first tenant's app is deployed once, by the first case.
    static string firstUrl = "";

    public async Task InitializeAsync()
    {
        if (firstUrl != "")
            return;
        using var first = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(first.File("Dockerfile"), FirstDockerfile);
        await File.WriteAllTextAsync(first.File("www/secret.txt"), Secret);
        await first.CommitAsync("the first tenant's app");
        firstUrl = await first.DeployHelloAsync(First);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [GeneratedRegex("^[0-9]+-[0-9a-f]{32}$")]
    private static partial Regex RandomTag();

    [GeneratedRegex("^[0-9]{8}-[0-9]{6}-[0-9a-f]{7}$")]
    private static partial Regex DatedTag();

    /// <summary>The second tenant's app, on its own key: hello with <paramref name="dockerfile"/>.</summary>
    async Task<(GitWorkTree App, SshKey Key)> SecondAsync(string key, string dockerfile)
    {
        var second = await host.AddKeyAsync(key);
        var app = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(app.File("Dockerfile"), dockerfile);
        await app.CommitAsync("the second tenant's app");
        return (app, second);
    }

    async Task AssertRefusedAsync(string key, string app, string dockerfile, string line)
    {
        var (tree, second) = await SecondAsync(key, dockerfile);
        using var _ = tree;

        var push = await tree.PushAsync(app, second);

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains(line, push.Output);
        Assert.Contains("[remote rejected] master -> master", push.Output);
        Assert.DoesNotContain(Secret, push.Output);
        Assert.DoesNotContain("#1 [internal] load build definition", push.Output);
        await HostileHost.AssertStillServesAsync(firstUrl);
        Assert.Contains(Secret, await HostileHost.Http.GetStringAsync(firstUrl + "/secret.txt"));
    }

    [Fact]
    public Task Building_FROM_the_first_tenants_image_is_refused() =>
        AssertRefusedAsync("tenant-from", "tenant-from", $"FROM nap/{First}:1\nCMD [\"/bin/cat\", \"/www/secret.txt\"]\n",
            $"Dockerfile:1: FROM: nap/{First}:1 names another app's image; a build sees only base images and its own stages: use a base image or a stage of this Dockerfile");

    [Fact]
    public Task Copying_from_the_first_tenants_image_is_refused_whatever_the_spelling() =>
        AssertRefusedAsync("tenant-copy", "tenant-copy",
            $"FROM local/busybox:latest\nCOPY --from=index.docker.io/nap/{First}:1 /www/secret.txt /www/\n",
            $"Dockerfile:2: COPY: --from=index.docker.io/nap/{First}:1 names another app's image; a build sees only base images and its own stages: use a base image or a stage of this Dockerfile");

    [Fact]
    public Task Mounting_the_first_tenants_image_in_a_RUN_is_refused() =>
        AssertRefusedAsync("tenant-mount", "tenant-mount",
            $"FROM local/busybox:latest\nCOPY www /www\nRUN --mount=type=bind,from=nap/{First}:1,target=/loot cp /loot/www/secret.txt /www/\n",
            $"Dockerfile:3: RUN: --mount from=nap/{First}:1 names another app's image; a build sees only base images and its own stages: use a base image or a stage of this Dockerfile");

    [Fact]
    public Task Running_the_first_tenants_image_as_the_Dockerfile_frontend_is_refused() =>
        AssertRefusedAsync("tenant-syntax", "tenant-syntax",
            $"# escape=\\\n# syntax=nap/{First}:1\nFROM local/busybox:latest\n",
            $"Dockerfile:2: syntax=nap/{First}:1 would have the engine pull that image and run it as this build's frontend; nap builds with the engine's own: remove the line");

    [Fact]
    public async Task The_first_tenants_release_images_have_names_no_other_tenant_can_guess()
    {
        var tags = (await host.Exec("docker", "images", "--format", "{{.Tag}}", $"nap/{First}")).EnsureSuccess("docker images").Stdout
            .Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var recorded = (await host.Exec("cat", $"/var/lib/nap/apps/{First}/app.json")).EnsureSuccess("app.json").Stdout;

        // Beside each N-HEX name, the dated tag (YYYYMMDD-HHMMSS-REV7) a registry shows: BuildBoundary refuses every
        // nap/OTHER reference whatever its tag, the random name is the second wall behind it.
        var names = tags.Where(tag => !DatedTag().IsMatch(tag)).ToArray();
        Assert.NotEmpty(names);
        Assert.All(names, tag => Assert.Matches(RandomTag(), tag));
        Assert.All(names, tag => Assert.Contains($"\"image\": \"nap/{First}:{tag}\"", recorded));
        Assert.All(tags.Except(names), tag => Assert.Contains($"\"tag\": \"{tag}\"", recorded));
        Assert.Matches("\"buildScope\": \"[0-9a-f]{32}\"", recorded);
    }

    [Fact]
    public async Task Poisoning_the_dependency_cache_reaches_only_the_second_tenants_own_builds()
    {
        var (tree, second) = await SecondAsync("tenant-cache", """
            FROM local/busybox:latest
            COPY www /www
            RUN --mount=type=cache,target=/root/.m2 --mount=type=cache,id=deps,target=/deps echo poisoned > /root/.m2/dep; echo poisoned > /deps/dep; cat /root/.m2/dep /deps/dep > /www/dep.txt
            EXPOSE 8080
            CMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
            """);
        using var _ = tree;
        var secondUrl = await tree.DeployHelloAsync("tenant-cache", second);
        using var first = await GitWorkTree.CreateAsync(host, "hello");
        await File.WriteAllTextAsync(first.File("Dockerfile"), FirstDockerfile);
        await File.WriteAllTextAsync(first.File("www/secret.txt"), Secret);
        await File.WriteAllTextAsync(first.File("www/round.txt"), "after the poison");
        await first.CommitAsync("the first tenant builds again");

        // A new revision: the RUN with the cache mounts runs again, reading the first tenant's caches.
        var again = await first.PushAsync(First, refspec: "master", options: "--force");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("own dependency\nown dependency\n", await HostileHost.Http.GetStringAsync(firstUrl + "/dep.txt"));
        Assert.Equal("poisoned\npoisoned\n", await HostileHost.Http.GetStringAsync(secondUrl + "/dep.txt"));
        await HostileHost.AssertStillServesAsync(firstUrl);
    }

    [Fact]
    public async Task A_step_the_first_tenant_ran_is_run_again_for_the_second_not_taken_from_the_cache()
    {
        // The first two lines of the first tenant's Dockerfile, word for word: a shared cache would hand over its token.
        var (tree, second) = await SecondAsync("tenant-token", """
            FROM local/busybox:latest
            RUN busybox head -c 16 /dev/urandom | busybox od -An -tx1 | busybox tr -d ' \n' > /token.txt
            COPY www /www
            RUN cp /token.txt /www/token.txt
            EXPOSE 8080
            CMD ["/bin/httpd", "-f", "-p", "8080", "-h", "/www"]
            """);
        using var _ = tree;

        var push = await tree.PushAsync("tenant-token", second);
        var secondUrl = Regex.Match(push.Output, @"deployed: (http://\S+)").Groups[1].Value;

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Matches("^[0-9a-f]{32}$", await HostileHost.Http.GetStringAsync(secondUrl + "/token.txt"));
        Assert.NotEqual(await HostileHost.Http.GetStringAsync(firstUrl + "/token.txt"), await HostileHost.Http.GetStringAsync(secondUrl + "/token.txt"));
        await HostileHost.AssertStillServesAsync(firstUrl);
    }
}
