using System.Text.Json;
using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>The commit status each forge's API takes (--status-token), as its documentation gives the request.</summary>
public sealed class CommitStatusSpecs
{
    const string Sha = "bffeb74224043ba2feb48d137756c8a9331c449a";

    static HookConfig Hook(string forge, string repo) => new(forge, repo, "main", "secret", DateTimeOffset.UnixEpoch) { StatusToken = "tok_123" };

    static async Task<(string Url, IReadOnlyDictionary<string, string> Body, string Auth)> SentAsync(HookConfig hook, bool live)
    {
        using var request = CommitStatus.Request(hook, Sha, live, "deployed", "shop")!;
        var body = JsonSerializer.Deserialize<Dictionary<string, string>>(await request.Content!.ReadAsStringAsync())!;
        var auth = request.Headers.Authorization?.ToString() ?? string.Join(",", request.Headers.GetValues("PRIVATE-TOKEN"));
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("application/json", request.Content.Headers.ContentType!.MediaType);
        return (request.RequestUri!.AbsoluteUri, body, auth);
    }

    [Fact]
    public async Task GitHub_gets_repos_owner_repo_statuses_sha_at_its_api_host_with_a_bearer_token()
    {
        var (url, body, auth) = await SentAsync(Hook("github", "git@github.com:acme/shop.git"), live: false);

        Assert.Equal($"https://api.github.com/repos/acme/shop/statuses/{Sha}", url);
        Assert.Equal("failure", body["state"]);
        Assert.Equal("nap/shop", body["context"]);
        Assert.Equal("Bearer tok_123", auth);
    }

    [Fact]
    public async Task Gitea_gets_api_v1_repos_owner_repo_statuses_sha_with_a_token()
    {
        var (url, body, auth) = await SentAsync(Hook("gitea", "ssh://git@git.example.org:2222/acme/shop.git"), live: true);

        Assert.Equal($"https://git.example.org/api/v1/repos/acme/shop/statuses/{Sha}", url);
        Assert.Equal("success", body["state"]);
        Assert.Equal("token tok_123", auth);
    }

    [Fact]
    public async Task GitLab_gets_api_v4_projects_escaped_path_statuses_sha_with_a_private_token()
    {
        var (url, body, auth) = await SentAsync(Hook("gitlab", "git@gitlab.example.com:group/sub/shop.git"), live: false);

        Assert.Equal($"https://gitlab.example.com/api/v4/projects/group%2Fsub%2Fshop/statuses/{Sha}", url);
        Assert.Equal("failed", body["state"]);
        Assert.Equal("nap", body["name"]);
        Assert.Equal("tok_123", auth);
    }
}
