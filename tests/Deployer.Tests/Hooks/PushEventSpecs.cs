using System.Text;
using System.Text.Json;
using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

public sealed class PushEventSpecs
{
    static PushEvent Parse(string json) => PushEvent.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Each_forges_push_gives_its_ref_revision_and_the_repository_by_every_address()
    {
        foreach (var (json, repo) in new[]
                 {
                     (ForgeSamples.GitHubPush(), "git@github.com:acme/shop.git"),
                     (ForgeSamples.GiteaPush(), "ssh://git@git.example.org:2222/acme/shop.git"),
                     (ForgeSamples.GitLabPush(), "git@gitlab.example.com:acme/shop.git"),
                 })
        {
            var push = Parse(json);

            Assert.Equal("refs/heads/main", push.Ref);
            Assert.Equal(ForgeSamples.After, push.After);
            Assert.True(push.Names(repo), repo);
            Assert.False(push.Names(repo.Replace("shop", "shop2", StringComparison.Ordinal)), repo);
        }
    }

    [Theory]
    [InlineData("{\"ref\": \"refs/heads/main\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"after\": \"bffeb74224043ba2feb48d137756c8a9331c449a\"}")]
    [InlineData("{\"ref\": \"refs/heads/main\", \"after\": \"HEAD\"}")]
    [InlineData("{\"ref\": \"refs/heads/main\", \"after\": 12}")]
    [InlineData("not json")]
    public void A_payload_that_is_not_json_or_not_a_push_is_refused(string json) =>
        Assert.ThrowsAny<JsonException>(() => Parse(json));

    [Fact]
    public void A_deleted_branch_is_a_push_to_the_zero_revision()
    {
        var push = Parse(ForgeSamples.GitHubPush(after: new string('0', 40)));

        Assert.True(push.IsDeletion);
    }

    [Theory]
    [InlineData("git@github.com:acme/shop.git", "github.com/acme/shop")]
    [InlineData("ssh://git@github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("ssh://git@GitHub.com:22/Acme/Shop", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop.git", "github.com/acme/shop")]
    [InlineData("https://github.com/acme/shop/", "github.com/acme/shop")]
    public void Every_address_of_a_repository_comes_down_to_host_and_path(string url, string canonical) =>
        Assert.Equal(canonical, RepoUrl.Canonical(url));

    [Theory]
    [InlineData("git@github.com:acme/shop.git")]
    [InlineData("ssh://git@forge.example:2222/acme/shop.git")]
    [InlineData("forge:repos/shop.git")]
    public void Hooks_add_takes_ssh_urls(string url) => Assert.Null(RepoUrl.Validate(url));

    [Theory]
    [InlineData("https://github.com/acme/shop.git")]
    [InlineData("--upload-pack=touch /tmp/x")]
    [InlineData("ext::sh -c touch% /tmp/x")]
    [InlineData("file:///var/lib/nap/repos/other.git")]
    [InlineData("/var/lib/nap/repos/other.git")]
    [InlineData("git@github.com:-oProxyCommand=x")]
    [InlineData("ssh://-oProxyCommand=x/a")]
    [InlineData("git@github.com:acme/../../etc")]
    [InlineData("")]
    public void Hooks_add_refuses_what_is_not_an_ssh_url_or_could_be_an_option(string url) =>
        Assert.NotNull(RepoUrl.Validate(url));
}
