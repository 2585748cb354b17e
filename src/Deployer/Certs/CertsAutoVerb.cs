using Nap.Deployer.Apps;
using Nap.Deployer.Nginx;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs:auto APP [--email E] [--redirect]`: a certificate from the host's ACME server for every domain of the app,
/// renewed by the timer from then on; `certs:auto APP off`: back to plain http. Run again, it keeps a certificate that
/// still names every domain and only changes the settings (a CA limits how often it issues for the same names).
/// </summary>
public sealed class CertsAutoVerb(
    AppDoor door, AcmeCertificates acme, CertsChange change, AppCerts certs, AppStateStore store, AppSites sites, NginxFrontDoor nginx,
    NapdConfig config, TimeProvider clock) : AppVerb(door)
{
    public override string Verb => "certs:auto";

    /// <summary>The settings asked for; null for `off`.</summary>
    static (AutoCerts? Settings, string? Error) Parse(IReadOnlyList<string> args)
    {
        const string usage = "usage: certs:auto APP [--email E] [--redirect] | off";
        if (args is [_, "off"])
            return (null, null);
        var settings = new AutoCerts();
        for (var i = 1; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--redirect": settings = settings with { Redirect = true }; break;
                case "--email" when i + 1 < args.Count:
                    if (EmailAddress.Validate(args[++i]) is { } bad)
                        return (null, bad);
                    settings = settings with { Email = args[i] };
                    break;
                default: return (null, usage);
            }
        }
        return (settings, null);
    }

    protected override string? Refusal(VerbContext context) => Parse(context.Args).Error;

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var (settings, _) = Parse(context.Args);
        if (settings is null)
            return await OffAsync(app, context.Reply, ct);
        // Run again without --email, an app keeps the address it named before.
        var wanted = settings with { Email = settings.Email ?? app.AutoCerts?.Email };
        var changed = app.WithAutoCerts(wanted);
        var current = certs.Read(app.Name);
        if (app.AutoCerts is { } was && !AutoRenewal.IsDue(current, AppAddress.Domains(config, changed), clock.GetUtcNow()))
            // Nothing is renewed, so a failed renewal stays on record.
            return await KeepAsync(app.WithAutoCerts(wanted with { Failure = was.Failure, FailedAt = was.FailedAt }), current!, context.Reply, ct);

        var (issued, failure) = await acme.ObtainAsync(app, changed, context.Reply, ct);
        if (issued is null)
        {
            var serving = current is null ? "http keeps serving" : "the certificate that served keeps serving";
            await context.Reply.ProblemAsync($"{app.Name}: {failure}; {serving}");
            return 1;
        }
        var stored = await store.UpdateAsync(app.Name, a => a.WithAutoCerts(changed.AutoCerts), CancellationToken.None);
        await context.Reply.StepAsync($"{app.Name}: certificate installed; it renews automatically");
        await ShowAsync(stored, issued, context.Reply);
        return 0;
    }

    /// <summary>The certificate stays; only the redirect or the email changes (the site is written again for the redirect).</summary>
    async Task<int> KeepAsync(AppState changed, CertInfo current, IReplyWriter reply, CancellationToken ct)
    {
        try
        {
            if (sites.Current(changed) is { } site)
                await nginx.ApplyAsync(site, ct);
        }
        catch (NginxException e)
        {
            await reply.ProblemAsync(e.Message);
            return 1;
        }
        var stored = await store.UpdateAsync(changed.Name, a => a.WithAutoCerts(changed.AutoCerts), CancellationToken.None);
        await reply.StepAsync($"{changed.Name}: the certificate still names every domain and is not due: kept");
        await ShowAsync(stored, current, reply);
        return 0;
    }

    async Task ShowAsync(AppState app, CertInfo info, IReplyWriter reply)
    {
        var domains = AppAddress.Domains(config, app);
        foreach (var line in CertLines.Of(info, domains, clock.GetUtcNow(), app.AutoCerts))
            await reply.DetailAsync(line);
        foreach (var domain in domains)
            await reply.OutAsync($"https://{domain}/");
    }

    async Task<int> OffAsync(AppState app, IReplyWriter reply, CancellationToken ct)
    {
        if (app.AutoCerts is null)
        {
            await reply.OutAsync($"{app.Name} does not get its certificate automatically: nothing to turn off (certs {app.Name} shows what it has)");
            return 0;
        }
        if (await change.RemoveAsync(app.WithAutoCerts(null), ct) is { } refusal)
        {
            await reply.ProblemAsync(refusal);
            return 1;
        }
        await store.UpdateAsync(app.Name, a => a.WithAutoCerts(null), CancellationToken.None);
        await reply.StepAsync($"{app.Name}: automatic certificates off, certificate removed; its domains are served over http only");
        return 0;
    }
}
