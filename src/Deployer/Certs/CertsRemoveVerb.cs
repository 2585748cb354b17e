using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>`certs:remove APP`: nginx stops serving https for the app, then the certificate is deleted (and with it automatic certificates).</summary>
public sealed class CertsRemoveVerb(AppDoor door, AppCerts certs, CertsChange change, AppStateStore store) : AppVerb(door)
{
    public override string Verb => "certs:remove";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (certs.Read(app.Name) is null)
        {
            await context.Reply.ErrAsync($"{app.Name} has no certificate to remove (see 'certs {app.Name}')");
            return 1;
        }

        if (await change.RemoveAsync(app.WithAutoCerts(null), ct) is { } refusal)
        {
            await context.Reply.ProblemAsync(refusal);
            return 1;
        }
        if (app.AutoCerts is not null)
            await store.UpdateAsync(app.Name, a => a.WithAutoCerts(null), CancellationToken.None);
        await context.Reply.StepAsync($"{app.Name}: certificate removed; its domains are served over http only");
        return 0;
    }
}
