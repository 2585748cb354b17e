using System.Text.Json;

namespace Nap.Deployer.Hooks;

/// <summary>
/// What napd reads of a push event: the ref, the revision after the push, and every address the payload gives its
/// repository. GitHub and Gitea: ref, after, repository.{clone_url, ssh_url, git_url, html_url}; GitLab: ref, after,
/// project.{git_ssh_url, git_http_url, web_url} and repository.{url, git_ssh_url, git_http_url, homepage}.
/// </summary>
public sealed record PushEvent(string Ref, string After, IReadOnlyList<string> RepoUrls)
{
    static readonly string[] UrlFields = ["clone_url", "ssh_url", "git_url", "html_url", "git_ssh_url", "git_http_url", "web_url", "url", "homepage"];

    /// <summary>The branch was deleted: nothing to deploy.</summary>
    public bool IsDeletion => After.All(c => c == '0');

    /// <exception cref="JsonException">Not JSON, or not a push event's shape (the message says which field).</exception>
    public static PushEvent Parse(ReadOnlySpan<byte> body)
    {
        using var doc = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        var root = doc.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw new JsonException("the payload is not a JSON object");
        var @ref = Text(root, "ref") ?? throw new JsonException("the payload has no \"ref\"");
        var after = Text(root, "after") ?? throw new JsonException("the payload has no \"after\"");
        if (after.Length is not (40 or 64) || !after.All(char.IsAsciiHexDigitLower))
            throw new JsonException("\"after\" is not a commit id");
        var urls = new List<string>();
        foreach (var holder in new[] { "repository", "project" })
            if (root.TryGetProperty(holder, out var repo) && repo.ValueKind == JsonValueKind.Object)
                urls.AddRange(UrlFields.Select(f => Text(repo, f)).OfType<string>());
        return new PushEvent(@ref, after, urls);
    }

    /// <summary>Whether the payload names the repository hooks:add was given (by any of its addresses).</summary>
    public bool Names(string repo) =>
        RepoUrl.Canonical(repo) is { } wanted && RepoUrls.Any(u => RepoUrl.Canonical(u) == wanted);

    static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
