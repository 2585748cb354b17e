using System.Text.Json.Serialization;

namespace Nap.Deployer.Hooks;

/// <summary>An app's webhook (hook.json, root-only): which forge, which repository and branch deploy it, and the shared secret.</summary>
public sealed record HookConfig(string Forge, string Repo, string Branch, string Secret, DateTimeOffset Created)
{
    /// <summary>A token for the forge's commit status API (hooks:add --status-token), or null: no status is posted.</summary>
    public string? StatusToken { get; init; }

    [JsonIgnore]
    public Forge Dialect => Hooks.Forge.Find(Forge) ?? throw new InvalidOperationException($"unknown forge {Forge} in hook.json");

    [JsonIgnore]
    public string BranchRef => "refs/heads/" + Branch;
}
