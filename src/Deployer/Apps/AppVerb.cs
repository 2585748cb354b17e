using Nap.Deployer.Verbs;

namespace Nap.Deployer.Apps;

/// <summary>
/// A verb about one app (`VERB APP ...`): its arguments are checked before anything else, then the app's name,
/// existence and the caller's right (<see cref="AppGate"/>), then, for a verb that changes the app, the app's lock
/// (<see cref="AppDoor"/>). A subclass writes only what the verb does.
/// </summary>
/// <param name="need">Use (its owner, granted keys, admins) unless the verb needs Manage (its owner and admins).</param>
/// <param name="waitsForLock">A verb that changes the app waits for its lock; one that only reads does not.</param>
public abstract class AppVerb(AppDoor door, AppGate.Need need = AppGate.Need.Use, bool waitsForLock = true) : IVerbHandler
{
    public abstract string Verb { get; }

    /// <summary>Why the arguments cannot be taken, in one line, or null.</summary>
    protected virtual string? Refusal(VerbContext context) => null;

    /// <returns>The exit code; the app is as checked (and, for a change, read again under its lock).</returns>
    protected abstract Task<int> RunAsync(AppState app, VerbContext context, CancellationToken ct);

    public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
    {
        if (Refusal(context) is { } refusal)
        {
            await context.Reply.ErrAsync(refusal);
            return 1;
        }
        if (!waitsForLock)
            return await door.ReadAsync(context, ct, need) is { } app ? await RunAsync(app, context, ct) : 1;
        using var locked = await door.OpenAsync(context, ct, need);
        return locked is null ? 1 : await RunAsync(locked.App, context, ct);
    }
}
