using Nap.Protocol;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// `docker run --init`: docker-init (tini) is PID 1 and the app its child. The kernel drops
/// default-action signals sent to PID 1, so an app that installs no SIGTERM handler (busybox
/// httpd, most scripts) would ignore `docker stop` until its SIGKILL; under tini it gets the
/// stop signal, and tini reaps the zombies no app expects to reap. `LABEL nap.init=false`
/// in the Dockerfile leaves PID 1 to the app, for an image that wants to be it.
/// </summary>
static class InitFlag
{
    public const string Label = "nap.init";

    public static IEnumerable<Systemd.ExecArg> For(UnitPlan plan) => Wanted(plan) ? ["--init"] : [];

    static bool Wanted(UnitPlan plan)
    {
        // LABEL keeps the last value for a key, as docker does.
        var value = plan.Image.Labels.Where(l => l.Key == Label).Select(l => (string?)l.Value).LastOrDefault();
        return value switch
        {
            null or "true" => true,
            "false" => false,
            _ => throw new RenderException($"LABEL {Label}={Untrusted.Printable(value)} is not understood: use {Label}=true (the default, tini as PID 1) or {Label}=false"),
        };
    }
}
