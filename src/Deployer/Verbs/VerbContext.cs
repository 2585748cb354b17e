using Nap.Protocol;

namespace Nap.Deployer.Verbs;

/// <summary>Everything a handler gets about one request.</summary>
public sealed record VerbContext(NapRequest Request, Caller Caller, IReplyWriter Reply)
{
    public const string JsonFlag = "--json";

    public const string EnvFlag = "--env";

    /// <summary>The request's arguments without <c>--json</c> and <c>--env NAME</c>.</summary>
    public IReadOnlyList<string> Args { get; } = WithoutEnv(Request.Args.Where(a => a != JsonFlag).ToArray());

    /// <summary>
    /// <c>--env NAME</c> (or <c>--env=NAME</c>), taken here for every verb so none parses it: null means production.
    /// The apps' gate checks and resolves it. "" when the flag has no value, which the gate refuses.
    /// </summary>
    public string? Env { get; } = EnvOf(Request.Args);

    public bool Json { get; } = Request.Args.Contains(JsonFlag);

    /// <summary>The first argument, which is the app for most verbs; null when absent.</summary>
    public string? App => Args.Count > 0 ? Args[0] : null;

    static string? EnvOf(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == EnvFlag)
                return i + 1 < args.Count ? args[i + 1] : "";
            if (args[i].StartsWith(EnvFlag + "=", StringComparison.Ordinal))
                return args[i][(EnvFlag.Length + 1)..];
        }
        return null;
    }

    static string[] WithoutEnv(string[] args)
    {
        var kept = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == EnvFlag)
                i++;
            else if (!args[i].StartsWith(EnvFlag + "=", StringComparison.Ordinal))
                kept.Add(args[i]);
        }
        return [.. kept];
    }

    public VerbContext WithReply(IReplyWriter reply) => this with { Reply = reply };
}
