using Nap.Deployer.Verbs;

namespace Nap.Deployer.Hooks;

/// <summary>
/// A webhook deploys the app itself (production): the hook's deliveries, URL and fetch know no environment yet, and a
/// hook accepted for one would answer its forge and then deploy production or nothing.
/// </summary>
public static class HookScope
{
    public static string? EnvRefusal(VerbContext context) =>
        context.Env is null
            ? null
            : $"webhooks deploy an app's production only: drop --env {Nap.Protocol.Untrusted.Printable(context.Env, 40)} (environments deploy from their branches over ssh pushes)";
}
