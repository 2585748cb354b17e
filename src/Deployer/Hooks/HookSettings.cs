namespace Nap.Deployer.Hooks;

/// <summary>What to enter in the forge's webhook form, in its own words, and the deploy key to add there read-only.</summary>
public static class HookSettings
{
    public const string ContentType = "application/json";

    public static string Url(string host, string app) => $"http://{host}/nap/hooks/{app}";

    public static IEnumerable<string> Lines(string app, HookConfig hook, string host, string publicKey, bool showSecret)
    {
        var forge = hook.Dialect;
        var secret = showSecret ? hook.Secret + "   (shown only now: hooks:add again makes a new one)" : "(not shown again: hooks:add again makes a new one)";
        yield return $"{(forge == Forge.GitLab ? "URL" : "Payload URL")}:    {Url(host, app)}";
        if (forge != Forge.GitLab)
            yield return $"Content type:   {ContentType}";
        yield return $"{(forge == Forge.GitLab ? "Secret token" : "Secret")}:         {secret}";
        yield return forge == Forge.GitLab ? "Trigger:        Push events" : "Events:         just the push event";
        yield return $"Deploy key (add it at the forge read-only, {(forge == Forge.GitLab ? "without \"Grant write permissions\"" : "without write access")}):";
        yield return publicKey;
        if (hook.StatusToken is not null)
            yield return "Commit status:  posted to the forge with the token given";
    }
}
