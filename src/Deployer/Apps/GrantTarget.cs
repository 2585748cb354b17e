using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>The KEY argument of access:add and access:remove.</summary>
static class GrantTarget
{
    /// <param name="known">Keys accepted even when gone from authorized_keys (a removed key can still lose its grants).</param>
    public static async Task<string?> CheckAsync(VerbContext context, KeyRing keys, IReadOnlyList<string> known)
    {
        if (context.Args.Count != 2)
        {
            await context.Reply.ErrAsync($"usage: {context.Request.Verb} APP KEY");
            return null;
        }

        var key = context.Args[1];
        if (KeyName.Validate(key) is { } bad)
        {
            await context.Reply.ErrAsync(bad);
            return null;
        }

        if (!known.Contains(key) && !keys.Exists(key))
        {
            await context.Reply.ErrAsync($"no key named '{key}' on this host (the host's admin adds keys with 'nap keys add')");
            return null;
        }

        return key;
    }
}
