namespace Nap.Protocol;

/// <summary>
/// napd answers a request with a stream of replies: lines for stdout or stderr as they happen,
/// then exactly one exit reply.
/// </summary>
public sealed record NapReply(ReplyKind Kind, string? Text = null, int Code = 0)
{
    public static NapReply Out(string text) => new(ReplyKind.Out, text);
    public static NapReply Err(string text) => new(ReplyKind.Err, text);
    public static NapReply Exit(int code) => new(ReplyKind.Exit, Code: code);
}

public enum ReplyKind { Out, Err, Exit }
