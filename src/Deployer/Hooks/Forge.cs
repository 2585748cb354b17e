namespace Nap.Deployer.Hooks;

/// <summary>
/// A forge's webhook dialect: where it puts the signature, the event and the delivery id, and what it calls a push.
/// Gitea and Forgejo speak the same one (Forgejo also sends X-Forgejo-*, beside the X-Gitea-* headers read here).
/// </summary>
public sealed record Forge(string Name, string EventHeader, string PushEvent, IReadOnlyList<string> DeliveryHeaders, string? PingEvent)
{
    /// <summary>docs.github.com, "Webhook events and payloads" and "Validating webhook deliveries".</summary>
    public static Forge GitHub { get; } = new("github", "X-GitHub-Event", "push", ["X-GitHub-Delivery"], "ping");

    /// <summary>docs.gitea.com, "Webhooks": the same JSON as GitHub's push, signed in X-Gitea-Signature.</summary>
    public static Forge Gitea { get; } = new("gitea", "X-Gitea-Event", "push", ["X-Gitea-Delivery"], null);

    /// <summary>docs.gitlab.com, "Webhook events": X-Gitlab-Token carries the secret itself.</summary>
    public static Forge GitLab { get; } = new("gitlab", "X-Gitlab-Event", "Push Hook", ["X-Gitlab-Event-UUID", "Idempotency-Key", "X-Gitlab-Webhook-UUID"], null);

    public static IReadOnlyList<Forge> All { get; } = [GitHub, Gitea, GitLab];

    public static Forge? Find(string? name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    public static string Names => string.Join("|", All.Select(f => f.Name));

    /// <summary>The deploys a hook runs are recorded under this key, like a pusher's.</summary>
    public string DeployKey => "hook:" + Name;
}
