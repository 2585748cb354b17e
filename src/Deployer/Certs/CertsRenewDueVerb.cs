using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Certs;

/// <summary>
/// The renewal timer's request (`nap certs renew`, as root): <see cref="CertsRenewVerb"/> for every app with automatic
/// certificates, each under its own lock. Not an ssh verb: nap-receive forwards only those, and napd takes it from root only.
/// </summary>
public sealed class CertsRenewDueVerb(AppStateStore store, CertsRenewVerb renew) : IVerbHandler
{
    public string Verb => Protocol.Verbs.RenewDueCertificates;

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (context.Caller != Caller.Root || context.Args.Count > 0)
        {
            await context.Reply.ErrAsync($"napd: {Verb} is the renewal timer's, run as root on the host: nap certs renew");
            return 1;
        }
        var apps = (await store.ReadAllAsync(ct)).Where(a => a.AutoCerts is not null).ToArray();
        if (apps.Length == 0)
            await context.Reply.OutAsync("no app gets its certificate automatically: nothing to renew");
        var exit = 0;
        foreach (var app in apps)
        {
            var one = new VerbContext(context.Request with { Verb = renew.Verb, Args = [.. AppSlot.Args(app.Name)] }, context.Caller, context.Reply);
            exit = Math.Max(exit, await renew.HandleAsync(one, ct));
        }
        return exit;
    }
}
