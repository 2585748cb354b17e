using Nap.Deployer.Apps;
using Nap.Deployer.Routing;
using Nap.Deployer.Settings;
using Nap.Deployer.Verbs;
using Nap.Protocol;

namespace Nap.Deployer.Certs;

/// <summary>
/// `certs APP [--json]`: the app's certificate: subject, names, issuer, validity, SHA-256 fingerprint, whether and when it
/// renews automatically, and a warning near its end or after a failed renewal.
/// </summary>
public sealed class CertsVerb(AppDoor door, AppCerts certs, NapdConfig config, TimeProvider clock) : AppVerb(door, waitsForLock: false)
{
    public override string Verb => "certs";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        var info = certs.Read(app.Name);
        var domains = AppAddress.Domains(config, app);
        if (context.Json)
            return await context.Reply.JsonAsync(new CertsReport(AppSlot.AppOf(app.Name), info, domains, app.AutoCerts) { Environment = AppSlot.EnvOf(app.Name) }, CertsJson.Default.CertsReport);
        if (info is null)
        {
            await context.Reply.OutAsync(app.AutoCerts is null
                ? $"{app.Name} has no certificate: add one with certs:add {app.Name} < bundle.pem, or get one that renews itself with certs:auto {app.Name}"
                : $"{app.Name} gets its certificate automatically but has none yet{(app.AutoCerts.Failure is { } failure ? $": {failure}" : $" (add a domain with domains:add {app.Name} DOMAIN)")}");
            return 0;
        }
        var now = clock.GetUtcNow();
        foreach (var line in CertLines.Of(info, domains, now, app.AutoCerts))
            await context.Reply.OutAsync(line);
        await CertLines.WarnAsync(context.Reply, app.Name, info, now, app.AutoCerts);
        return 0;
    }
}
