using Nap.Protocol;

namespace Nap.Deployer.Verbs;

/// <summary>Everything a handler gets about one request.</summary>
public sealed record VerbContext(NapRequest Request, Caller Caller, IReplyWriter Reply)
{
    public const string JsonFlag = "--json";

    /// <summary>The request's arguments without <c>--json</c>.</summary>
    public IReadOnlyList<string> Args { get; } = Request.Args.Where(a => a != JsonFlag).ToArray();

    public bool Json { get; } = Request.Args.Contains(JsonFlag);

    /// <summary>The first argument, which is the app for most verbs; null when absent.</summary>
    public string? App => Args.Count > 0 ? Args[0] : null;

    public VerbContext WithReply(IReplyWriter reply) => this with { Reply = reply };
}
