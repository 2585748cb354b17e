using Microsoft.Extensions.Logging;
using Nap.Protocol;

namespace Nap.Deployer.Verbs;

/// <summary>Finds the handler of a request's verb and turns every outcome into an exit code.</summary>
public sealed class VerbDispatcher(IEnumerable<IVerbHandler> handlers, ILogger<VerbDispatcher> log)
{
    public const int Cancelled = 130;

    readonly Dictionary<string, IVerbHandler> byVerb = handlers
        .GroupBy(h => h.Verb, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Served => byVerb.Keys;

    public async Task<int> DispatchAsync(VerbContext context, CancellationToken ct)
    {
        var verb = context.Request.Verb;
        if (!byVerb.TryGetValue(verb, out var handler))
            return await RefuseAsync(context.Reply, verb);

        try
        {
            return await handler.HandleAsync(context, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await context.Reply.ErrAsync($"napd: {verb} cancelled");
            return Cancelled;
        }
        catch (Exception e)
        {
            // The message may hold a path but never a config value: handlers keep secrets out of exceptions.
            log.LogError(e, "{Verb} for key {Key} failed", verb, context.Caller.Key);
            await context.Reply.ErrAsync($"napd: {verb} failed: {e.Message.ReplaceLineEndings(" ")} (see 'journalctl -u napd' on the host)");
            return 1;
        }
    }

    static async Task<int> RefuseAsync(IReplyWriter reply, string verb)
    {
        if (Nap.Protocol.Verbs.Find(verb) is not null)
        {
            await reply.ErrAsync($"napd: '{verb}' is not available on this host yet");
            return 1;
        }

        await reply.ErrAsync($"napd: unknown command '{Untrusted.Printable(verb)}'");
        foreach (var line in Nap.Protocol.Verbs.ShortHelp.Split('\n'))
            await reply.ErrAsync(line);
        return 1;
    }
}
