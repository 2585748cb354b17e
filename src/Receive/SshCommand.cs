namespace Nap.Receive;

/// <summary>What a key asked for in SSH_ORIGINAL_COMMAND, once parsed: one of the cases below.</summary>
public abstract record SshCommand;

/// <summary>`git-receive-pack 'APP'` or `git-upload-pack 'APP'`: a push or a fetch.</summary>
public sealed record GitCommand(GitService Service, string App) : SshCommand;

/// <summary>One of nap's ssh verbs, forwarded to napd as it is.</summary>
public sealed record VerbCommand(Nap.Protocol.Verbs.Verb Verb, IReadOnlyList<string> Args) : SshCommand;

/// <summary>Anything else: the one-line reason shown before the short help.</summary>
public sealed record Refusal(string Reason) : SshCommand;
