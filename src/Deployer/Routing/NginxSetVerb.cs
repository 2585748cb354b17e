using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Routing;

/// <summary>
/// `nginx:set APP client-max-body-size 100m` (Dokku's verb): the largest request body nginx passes to the app;
/// no SIZE puts back the host's default (limits.requestBodyMegabytes). The app's nginx file and state change together.
/// </summary>
public sealed class NginxSetVerb(AppDoor door, AppStateStore store, AppSites sites, NginxFrontDoor nginx, NapdConfig config) : AppVerb(door)
{
    const string BodySize = "client-max-body-size";
    const string Usage = $"usage: nginx:set APP {BodySize} [SIZE]";

    public override string Verb => "nginx:set";

    protected override string? Refusal(VerbContext context) => context.Args switch
    {
        [_, BodySize] => null,
        [_, BodySize, var size] => NginxSize.Validate(size),
        [_, var property, ..] when property != BodySize => $"'{Untrusted.Printable(property)}' is not an nginx property napd sets: {Usage}",
        _ => Usage,
    };

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var changed = app.WithRequestBodyLimit(context.Args.Count == 3 ? context.Args[2].ToLowerInvariant() : null);
        try
        {
            if (sites.Current(changed) is { } site)
                await nginx.ApplyAsync(site, ct);
        }
        catch (NginxException e)
        {
            await context.Reply.ProblemAsync(e.Message);
            return 1;
        }
        await store.UpdateAsync(app.Name, a => a.WithRequestBodyLimit(changed.RequestBodyLimit), CancellationToken.None);
        var size = changed.RequestBodyLimit ?? $"{config.Limits.RequestBodyMegabytes}m (the host's default)";
        await context.Reply.OutAsync($"{app.Name}: {BodySize} {size}");
        return 0;
    }
}
