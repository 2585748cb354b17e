using System.Text;
using Nap.Deployer.Hooks;

namespace Nap.Deployer.Tests.Hooks;

/// <summary>
/// Push events and their headers as each forge sends them, trimmed to a few commits' worth: GitHub's
/// "Webhook events and payloads" (push), Gitea's "Webhooks" page (the same shape, X-Gitea-* headers beside
/// X-GitHub-* and X-Gogs-*), GitLab's "Webhook events" (Push Hook, project and repository objects).
/// </summary>
public static class ForgeSamples
{
    public const string Before = "28e1879d029cb852e4844d9c718537df08844e03";
    public const string After = "bffeb74224043ba2feb48d137756c8a9331c449a";

    public static string GitHubPush(string owner = "acme", string repo = "shop", string branch = "main", string after = After) => $$"""
        {
          "ref": "refs/heads/{{branch}}",
          "before": "{{Before}}",
          "after": "{{after}}",
          "created": false,
          "deleted": false,
          "forced": false,
          "base_ref": null,
          "compare": "https://github.com/{{owner}}/{{repo}}/compare/28e1879d029c...bffeb7422404",
          "commits": [
            {
              "id": "{{after}}",
              "tree_id": "f9d2a07e9488b91af2641b26b9407fe22a451433",
              "distinct": true,
              "message": "Update README.md",
              "timestamp": "2025-03-13T13:52:11-04:00",
              "url": "https://github.com/{{owner}}/{{repo}}/commit/{{after}}",
              "author": { "name": "Octo Cat", "email": "octocat@github.com", "username": "octocat" },
              "committer": { "name": "GitHub", "email": "noreply@github.com", "username": "web-flow" },
              "added": [], "removed": [], "modified": ["README.md"]
            }
          ],
          "head_commit": { "id": "{{after}}", "message": "Update README.md" },
          "repository": {
            "id": 35129377,
            "node_id": "MDEwOlJlcG9zaXRvcnkzNTEyOTM3Nw==",
            "name": "{{repo}}",
            "full_name": "{{owner}}/{{repo}}",
            "private": true,
            "owner": { "name": "{{owner}}", "login": "{{owner}}", "id": 21031067 },
            "html_url": "https://github.com/{{owner}}/{{repo}}",
            "url": "https://github.com/{{owner}}/{{repo}}",
            "git_url": "git://github.com/{{owner}}/{{repo}}.git",
            "ssh_url": "git@github.com:{{owner}}/{{repo}}.git",
            "clone_url": "https://github.com/{{owner}}/{{repo}}.git",
            "default_branch": "main",
            "master_branch": "main"
          },
          "pusher": { "name": "octocat", "email": "octocat@github.com" },
          "sender": { "login": "octocat", "id": 21031067, "type": "User" }
        }
        """;

    public const string GitHubPing = """
        {
          "zen": "Encourage flow.",
          "hook_id": 2472869,
          "hook": { "type": "Repository", "id": 2472869, "name": "web", "active": true, "events": ["push"],
            "config": { "content_type": "json", "insecure_ssl": "0", "url": "http://203.0.113.7/nap/hooks/shop" } },
          "repository": { "full_name": "acme/shop", "ssh_url": "git@github.com:acme/shop.git", "clone_url": "https://github.com/acme/shop.git" },
          "sender": { "login": "octocat" }
        }
        """;

    public static string GiteaPush(string host = "git.example.org", string owner = "acme", string repo = "shop", string branch = "main", string after = After) => $$"""
        {
          "ref": "refs/heads/{{branch}}",
          "before": "{{Before}}",
          "after": "{{after}}",
          "compare_url": "https://{{host}}/{{owner}}/{{repo}}/compare/{{Before}}...{{after}}",
          "commits": [
            {
              "id": "{{after}}",
              "message": "Webhooks Yay!",
              "url": "https://{{host}}/{{owner}}/{{repo}}/commit/{{after}}",
              "author": { "name": "Gitea", "email": "someone@gitea.io", "username": "gitea" },
              "committer": { "name": "Gitea", "email": "someone@gitea.io", "username": "gitea" },
              "timestamp": "2025-03-13T13:52:11-04:00"
            }
          ],
          "repository": {
            "id": 140,
            "owner": { "id": 1, "login": "{{owner}}", "full_name": "", "email": "someone@gitea.io", "username": "{{owner}}" },
            "name": "{{repo}}",
            "full_name": "{{owner}}/{{repo}}",
            "private": false,
            "fork": false,
            "html_url": "https://{{host}}/{{owner}}/{{repo}}",
            "ssh_url": "git@{{host}}:{{owner}}/{{repo}}.git",
            "clone_url": "https://{{host}}/{{owner}}/{{repo}}.git",
            "default_branch": "main"
          },
          "pusher": { "id": 1, "login": "gitea", "username": "gitea" },
          "sender": { "id": 1, "login": "gitea", "username": "gitea" }
        }
        """;

    public static string GitLabPush(string host = "gitlab.example.com", string group = "acme", string repo = "shop", string branch = "main", string after = After) => $$"""
        {
          "object_kind": "push",
          "event_name": "push",
          "before": "{{Before}}",
          "after": "{{after}}",
          "ref": "refs/heads/{{branch}}",
          "ref_protected": true,
          "checkout_sha": "{{after}}",
          "message": null,
          "user_id": 4,
          "user_name": "John Smith",
          "user_username": "jsmith",
          "project_id": 15,
          "project": {
            "id": 15,
            "name": "{{repo}}",
            "web_url": "https://{{host}}/{{group}}/{{repo}}",
            "git_ssh_url": "git@{{host}}:{{group}}/{{repo}}.git",
            "git_http_url": "https://{{host}}/{{group}}/{{repo}}.git",
            "namespace": "{{group}}",
            "path_with_namespace": "{{group}}/{{repo}}",
            "default_branch": "main",
            "homepage": "https://{{host}}/{{group}}/{{repo}}",
            "url": "git@{{host}}:{{group}}/{{repo}}.git",
            "ssh_url": "git@{{host}}:{{group}}/{{repo}}.git",
            "http_url": "https://{{host}}/{{group}}/{{repo}}.git"
          },
          "commits": [
            {
              "id": "{{after}}",
              "message": "fixed readme",
              "title": "fixed readme",
              "timestamp": "2025-03-13T13:52:11+00:00",
              "url": "https://{{host}}/{{group}}/{{repo}}/-/commit/{{after}}",
              "author": { "name": "John Smith", "email": "[REDACTED]" },
              "added": ["CHANGELOG"], "modified": ["app/controller/application.rb"], "removed": []
            }
          ],
          "total_commits_count": 1,
          "repository": {
            "name": "{{repo}}",
            "url": "git@{{host}}:{{group}}/{{repo}}.git",
            "homepage": "https://{{host}}/{{group}}/{{repo}}",
            "git_http_url": "https://{{host}}/{{group}}/{{repo}}.git",
            "git_ssh_url": "git@{{host}}:{{group}}/{{repo}}.git",
            "visibility_level": 0
          }
        }
        """;

    /// <summary>The headers the forge sends with <paramref name="body"/>, signed with <paramref name="secret"/> as it signs.</summary>
    public static Dictionary<string, string> Headers(Forge forge, string @event, string body, string secret, string? delivery = null)
    {
        delivery ??= Guid.NewGuid().ToString();
        var signature = SignatureCheck.Sign(Encoding.UTF8.GetBytes(body), secret);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "application/json" };
        if (forge == Forge.GitHub)
        {
            headers["User-Agent"] = "GitHub-Hookshot/4a3a6b1";
            headers["X-GitHub-Event"] = @event;
            headers["X-GitHub-Delivery"] = delivery;
            headers["X-GitHub-Hook-ID"] = "2472869";
            headers["X-Hub-Signature"] = "sha1=0000000000000000000000000000000000000000";
            headers["X-Hub-Signature-256"] = "sha256=" + signature;
        }
        else if (forge == Forge.Gitea)
        {
            headers["User-Agent"] = "Go-http-client/1.1";
            headers["X-GitHub-Event"] = @event;
            headers["X-GitHub-Delivery"] = delivery;
            headers["X-Gogs-Event"] = @event;
            headers["X-Gogs-Delivery"] = delivery;
            headers["X-Gogs-Signature"] = signature;
            headers["X-Gitea-Event"] = @event;
            headers["X-Gitea-Event-Type"] = @event;
            headers["X-Gitea-Delivery"] = delivery;
            headers["X-Gitea-Signature"] = signature;
        }
        else
        {
            headers["User-Agent"] = "GitLab/17.9.0";
            headers["X-Gitlab-Event"] = @event;
            headers["X-Gitlab-Event-UUID"] = delivery;
            headers["X-Gitlab-Webhook-UUID"] = "2a2b1c2d-0000-4000-8000-000000000015";
            headers["Idempotency-Key"] = delivery;
            headers["X-Gitlab-Instance"] = "https://gitlab.example.com";
            headers["X-Gitlab-Token"] = secret;
        }
        return headers;
    }
}
