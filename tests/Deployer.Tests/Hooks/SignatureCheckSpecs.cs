using System.Text;
using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

public sealed class SignatureCheckSpecs
{
    const string Secret = "It's a Secret to Everybody";
    const string Body = "Hello, World!";

    static Func<string, string?> From(Dictionary<string, string> headers) =>
        name => headers.TryGetValue(name, out var v) ? v : null;

    static bool Check(Forge forge, Dictionary<string, string> headers, string body = Body) =>
        SignatureCheck.IsValid(forge, From(new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase)), Encoding.UTF8.GetBytes(body), Secret);

    [Fact]
    public void GitHubs_own_example_signature_is_accepted()
    {
        // docs.github.com, "Validating webhook deliveries": this secret and payload give this signature.
        var headers = new Dictionary<string, string> { ["X-Hub-Signature-256"] = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17" };

        Assert.True(Check(Forge.GitHub, headers));
    }

    [Theory]
    [InlineData("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e18")]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d")]
    [InlineData("sha256=757107ea")]
    [InlineData("sha256=not hex at all")]
    [InlineData("sha256=")]
    public void A_github_signature_that_is_wrong_short_unprefixed_or_not_hex_is_refused(string signature) =>
        Assert.False(Check(Forge.GitHub, new() { ["X-Hub-Signature-256"] = signature }));

    [Fact]
    public void A_github_delivery_without_a_signature_or_with_only_the_sha1_one_is_refused()
    {
        Assert.False(Check(Forge.GitHub, []));
        Assert.False(Check(Forge.GitHub, new() { ["X-Hub-Signature"] = "sha1=01dc10d0c83e72ed246219cdd91669667fe2ca59" }));
    }

    [Fact]
    public void A_body_changed_after_signing_is_refused()
    {
        var headers = new Dictionary<string, string> { ["X-Hub-Signature-256"] = "sha256=" + SignatureCheck.Sign(Encoding.UTF8.GetBytes(Body), Secret) };

        Assert.True(Check(Forge.GitHub, headers));
        Assert.False(Check(Forge.GitHub, headers, Body + " "));
    }

    [Fact]
    public void Gitea_signs_with_the_bare_hex_hmac_in_x_gitea_signature_in_either_case()
    {
        var hex = SignatureCheck.Sign(Encoding.UTF8.GetBytes(Body), Secret);

        Assert.True(Check(Forge.Gitea, new() { ["X-Gitea-Signature"] = hex }));
        Assert.True(Check(Forge.Gitea, new() { ["X-Gitea-Signature"] = hex.ToUpperInvariant() }));
        Assert.False(Check(Forge.Gitea, new() { ["X-Gitea-Signature"] = "sha256=" + hex }));
        Assert.False(Check(Forge.Gitea, new() { ["X-Hub-Signature-256"] = "sha256=" + hex }));
        Assert.False(Check(Forge.Gitea, []));
    }

    [Fact]
    public void Gitlab_sends_the_secret_itself_and_only_the_exact_secret_passes()
    {
        Assert.True(Check(Forge.GitLab, new() { ["X-Gitlab-Token"] = Secret }));
        Assert.False(Check(Forge.GitLab, new() { ["X-Gitlab-Token"] = Secret + "x" }));
        Assert.False(Check(Forge.GitLab, new() { ["X-Gitlab-Token"] = Secret[..^1] }));
        Assert.False(Check(Forge.GitLab, new() { ["X-Gitlab-Token"] = "" }));
        Assert.False(Check(Forge.GitLab, []));
    }

    [Fact]
    public void One_forges_proof_does_not_pass_for_another()
    {
        var hex = SignatureCheck.Sign(Encoding.UTF8.GetBytes(Body), Secret);
        var all = new Dictionary<string, string> { ["X-Hub-Signature-256"] = "sha256=" + hex, ["X-Gitea-Signature"] = hex };

        Assert.False(Check(Forge.GitLab, all));
        Assert.False(Check(Forge.GitHub, new() { ["X-Gitea-Signature"] = hex, ["X-Gitlab-Token"] = Secret }));
    }
}
