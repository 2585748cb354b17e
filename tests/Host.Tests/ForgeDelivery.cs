using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Nap.Host.Tests;

/// <summary>
/// A webhook delivery as GitHub, Gitea or GitLab sends it (headers and push payload from their documentation,
/// trimmed to the fields that matter and a few around them), signed here with the secret hooks:add printed.
/// </summary>
public static class ForgeDelivery
{
    public static string PushEvent(string forge) => forge == "gitlab" ? "Push Hook" : "push";

    /// <summary>A push of <paramref name="after"/> to <paramref name="branch"/> of HOST:OWNER/REPO, in the forge's shape.</summary>
    public static string Push(string forge, string host, string owner, string repo, string branch, string after)
    {
        const string Before = "28e1879d029cb852e4844d9c718537df08844e03";
        if (forge == "gitlab")
            return $$$"""
                {"object_kind": "push", "event_name": "push", "before": "{{{Before}}}", "after": "{{{after}}}", "ref": "refs/heads/{{{branch}}}",
                 "ref_protected": true, "checkout_sha": "{{{after}}}", "message": null, "user_id": 4, "user_name": "John Smith", "user_username": "jsmith",
                 "project_id": 15,
                 "project": {"id": 15, "name": "{{{repo}}}", "web_url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}", "git_ssh_url": "git@{{{host}}}:{{{owner}}}/{{{repo}}}.git",
                   "git_http_url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}.git", "namespace": "{{{owner}}}", "path_with_namespace": "{{{owner}}}/{{{repo}}}", "default_branch": "main"},
                 "commits": [{"id": "{{{after}}}", "message": "change", "title": "change", "timestamp": "2025-03-13T13:52:11+00:00",
                   "url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}/-/commit/{{{after}}}", "author": {"name": "John Smith", "email": "[REDACTED]"}, "added": [], "modified": ["www/index.html"], "removed": []}],
                 "total_commits_count": 1,
                 "repository": {"name": "{{{repo}}}", "url": "git@{{{host}}}:{{{owner}}}/{{{repo}}}.git", "homepage": "http://{{{host}}}/{{{owner}}}/{{{repo}}}",
                   "git_http_url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}.git", "git_ssh_url": "git@{{{host}}}:{{{owner}}}/{{{repo}}}.git", "visibility_level": 0}}
                """;
        return $$$"""
            {"ref": "refs/heads/{{{branch}}}", "before": "{{{Before}}}", "after": "{{{after}}}", "created": false, "deleted": false, "forced": false,
             "compare": "http://{{{host}}}/{{{owner}}}/{{{repo}}}/compare/{{{Before}}}...{{{after}}}",
             "commits": [{"id": "{{{after}}}", "message": "change", "timestamp": "2025-03-13T13:52:11-04:00", "url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}/commit/{{{after}}}",
               "author": {"name": "Octo Cat", "email": "octocat@example.com", "username": "octocat"}, "added": [], "removed": [], "modified": ["www/index.html"]}],
             "repository": {"id": 140, "name": "{{{repo}}}", "full_name": "{{{owner}}}/{{{repo}}}", "private": true, "owner": {"login": "{{{owner}}}"},
               "html_url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}", "ssh_url": "git@{{{host}}}:{{{owner}}}/{{{repo}}}.git", "clone_url": "http://{{{host}}}/{{{owner}}}/{{{repo}}}.git", "default_branch": "main"},
             "pusher": {"name": "octocat", "email": "octocat@example.com"}, "sender": {"login": "octocat"}}
            """;
    }

    /// <summary>The request the forge sends: its event and delivery headers, and its proof of the secret.</summary>
    public static HttpRequestMessage Request(string url, string forge, string @event, string body, string secret, string delivery)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));
        var headers = forge switch
        {
            "github" => new Dictionary<string, string>
            {
                ["User-Agent"] = "GitHub-Hookshot/4a3a6b1", ["X-GitHub-Event"] = @event, ["X-GitHub-Delivery"] = delivery,
                ["X-GitHub-Hook-ID"] = "2472869", ["X-Hub-Signature-256"] = "sha256=" + signature,
            },
            "gitea" => new Dictionary<string, string>
            {
                ["User-Agent"] = "Go-http-client/1.1", ["X-GitHub-Event"] = @event, ["X-GitHub-Delivery"] = delivery, ["X-Gogs-Event"] = @event,
                ["X-Gogs-Delivery"] = delivery, ["X-Gogs-Signature"] = signature, ["X-Gitea-Event"] = @event, ["X-Gitea-Event-Type"] = @event,
                ["X-Gitea-Delivery"] = delivery, ["X-Gitea-Signature"] = signature,
            },
            _ => new Dictionary<string, string>
            {
                ["User-Agent"] = "GitLab/17.9.0", ["X-Gitlab-Event"] = @event, ["X-Gitlab-Event-UUID"] = delivery, ["Idempotency-Key"] = delivery,
                ["X-Gitlab-Instance"] = "http://gitlab.example.com", ["X-Gitlab-Token"] = secret,
            },
        };
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return request;
    }
}
