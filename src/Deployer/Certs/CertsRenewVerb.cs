using Nap.Deployer.Apps;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Certs;

/// <summary>`certs:renew APP [--force]`: renews an automatic certificate now if it is due, or at once with --force.</summary>
public sealed class CertsRenewVerb(AppDoor door, AutoRenewal renewal) : AppVerb(door)
{
    public const string Force = "--force";

    public override string Verb => "certs:renew";

    protected override string? Refusal(VerbContext context) =>
        context.Args.Count == 1 || context.Args is [_, Force] ? null : $"usage: {Verb} APP [{Force}]";

    protected override async Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct)
    {
        if (app.AutoCerts is null)
        {
            await context.Reply.ErrAsync($"{app.Name}'s certificate does not renew itself: get one that does with certs:auto {app.Name}, or send yours with certs:add {app.Name} < bundle.pem");
            return 1;
        }
        return await renewal.RenewAsync(app, context.Args is [_, Force], context.Reply, ct);
    }
}
