using System.Text;
using Nap.Deployer.Apps;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs:add APP < bundle.pem`: checks the bundle, stores it, and has nginx serve the app's domains
/// over https with it. A bundle or a file nginx refuses leaves the previous certificate and file serving.
/// An app with automatic certificates stops getting them: the certificate sent is the owner's to renew.
/// </summary>
public sealed class CertsAddVerb(AppDoor door, CertsChange change, AppStateStore store, NapdConfig config, TimeProvider clock) : AppVerb(door)
{
    public override string Verb => "certs:add";

    protected override string? Refusal(VerbContext context) =>
        context.Request.Input is { } input && input.Trim().Length > 0 && Encoding.UTF8.GetByteCount(input) <= Protocol.Verbs.MaxInputBytes
            ? null
            : $"certs:add reads the certificate chain and its private key (PEM, at most {Protocol.Verbs.MaxInputBytes / 1024} KiB) from stdin: ssh nap@HOST certs:add APP < bundle.pem";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var input = context.Request.Input!;
        CertBundle bundle;
        try
        {
            bundle = CertBundle.Parse(input, clock.GetUtcNow());
        }
        catch (CertBundleException e)
        {
            await context.Reply.ProblemAsync($"{app.Name}: {e.Message}");
            return 1;
        }

        if (await change.SaveAsync(app.WithAutoCerts(null), bundle, ct) is { } refusal)
        {
            await context.Reply.ProblemAsync(refusal);
            return 1;
        }
        if (app.AutoCerts is not null)
        {
            await store.UpdateAsync(app.Name, a => a.WithAutoCerts(null), CancellationToken.None);
            await context.Reply.StepAsync($"{app.Name}: automatic certificates off: this certificate is yours to renew (certs:auto {app.Name} turns them on again)");
        }

        var domains = AppAddress.Domains(config, app);
        await context.Reply.StepAsync($"{app.Name}: certificate stored");
        var now = clock.GetUtcNow();
        foreach (var line in CertLines.Of(bundle.Info, domains, now))
            await context.Reply.DetailAsync(line);
        await CertLines.WarnAsync(context.Reply, app.Name, bundle.Info, now);
        await TellWhereAsync(context.Reply, app.Name, domains, bundle, app.AppPort is not null && app.Current?.Ports.Count > 0);
        return 0;
    }

    static async Task TellWhereAsync(IReplyWriter reply, string app, IReadOnlyList<string> domains, CertBundle bundle, bool serving)
    {
        if (domains.Count == 0)
        {
            await reply.StepAsync($"TLS serves only the app's domains and {app} has none: add one with domains:add {app} DOMAIN (http://IP:PORT stays plain http)");
            return;
        }
        foreach (var domain in domains.Where(d => !bundle.Leaf.MatchesHostname(d)))
            await reply.ErrAsync($"       note: the certificate does not name {domain}: clients will refuse https://{domain}/");
        var when = serving ? "" : " from its first deploy";
        foreach (var domain in domains)
            await reply.OutAsync($"https://{domain}/{when}");
    }
}
