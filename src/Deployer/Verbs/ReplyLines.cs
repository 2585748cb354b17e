using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Nap.Protocol;

namespace Nap.Deployer.Verbs;

/// <summary>The client's lines with Heroku's prefixes (<see cref="RemoteLines"/>): a step, the result, a problem, detail.</summary>
public static class ReplyLines
{
    public static Task StepAsync(this IReplyWriter reply, string text) => reply.OutAsync(RemoteLines.Step(text));

    public static Task DoneAsync(this IReplyWriter reply, string text) => reply.OutAsync(RemoteLines.Done(text));

    /// <summary>On stderr, where git and ssh clients show what went wrong.</summary>
    public static Task ProblemAsync(this IReplyWriter reply, string text) => reply.ErrAsync(RemoteLines.Problem(text));

    public static Task DetailAsync(this IReplyWriter reply, string text) => reply.OutAsync(RemoteLines.Detail(text));

    /// <summary>A `--json` answer: the report on one line; the verb's exit code, 0.</summary>
    public static async Task<int> JsonAsync<T>(this IReplyWriter reply, T report, JsonTypeInfo<T> type)
    {
        await reply.OutAsync(JsonSerializer.Serialize(report, type));
        return 0;
    }
}
