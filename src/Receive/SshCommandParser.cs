using System.Text;
using Nap.Protocol;

namespace Nap.Receive;

/// <summary>
/// Reads SSH_ORIGINAL_COMMAND strictly: whatever is not plainly one of the allowed shapes
/// is refused here, before napd or git ever see it.
/// </summary>
public static class SshCommandParser
{
    /// <summary>Far above any real command; keeps hostile input from costing anything.</summary>
    public const int MaxBytes = 4096;

    public static SshCommand Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return new Refusal("interactive login is not available: nap runs git push, git fetch and the commands below");
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
            return new Refusal($"the command is longer than {MaxBytes} bytes: send a shorter one");
        if (text.Any(IsControl))
            return new Refusal("the command contains a control character (newline, tab, NUL...): send it on one line of plain text");

        var words = ShellWords.Split(text, out var error);
        if (words is null)
            return new Refusal($"the command cannot be read: {error}");
        if (words.Count == 0)
            return new Refusal("the command is empty: use one of the commands below");

        if (GitService.Find(words, out var gitArgs) is { } service)
            return ParseGit(service, gitArgs);
        return ParseVerb(words[0], words.Skip(1).ToArray());
    }

    static bool IsControl(char c) => c < ' ' || c is >= '\x7f' and <= '\x9f';

    static SshCommand ParseGit(GitService service, IReadOnlyList<string> args)
    {
        if (args.Count != 1)
            return new Refusal($"{service.Verb} takes exactly one repository: push with git push nap@HOST:APP master");
        var app = RepoArgument.AppOf(args[0], out var error);
        return app is null ? new Refusal(error!) : new GitCommand(service, app);
    }

    static SshCommand ParseVerb(string name, IReadOnlyList<string> args)
    {
        if (Verbs.Find(name) is not { } verb)
            return new Refusal($"unknown command '{Untrusted.Printable(name)}': use one of the commands below");
        if (!verb.TakesJson && args.Contains("--json"))
            return new Refusal($"'{verb.Name}' has no --json: use {verb.Usage}");
        var envFlags = EnvFlagWords(args);
        if (envFlags > 0 && !TakesApp(verb))
            return new Refusal($"'{verb.Name}' has no --env: use {verb.Usage}");
        // --env NAME picks one of the app's environments for any verb about an app: it is no argument of the verb's own.
        if (MaxArgs(verb) is { } max && args.Count - envFlags > max)
            return new Refusal($"too many arguments for '{verb.Name}' (at most {max}): use {verb.Usage}");
        if (TakesApp(verb))
        {
            if (args.Count == 0)
                return new Refusal($"'{verb.Name}' needs an app name: use {verb.Usage}");
            if (AppName.Validate(args[0]) is { } appError)
                return new Refusal(appError);
        }
        return new VerbCommand(verb, args);
    }

    /// <summary>How many words are --env NAME (2) or --env=NAME (1); napd checks the name.</summary>
    static int EnvFlagWords(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--env")
                return i + 1 < args.Count ? 2 : 1;
            if (args[i].StartsWith("--env=", StringComparison.Ordinal))
                return 1;
        }
        return 0;
    }

    // The usage line is the single description of a verb's arguments; read it rather than repeat it.
    static bool TakesApp(Verbs.Verb verb) => verb.Usage.Split(' ') is [_, "APP", ..];

    // Every word of the usage line after the verb is one argument at most ("[-n N]" is two); "K=V..." has no limit;
    // "< FILE" is stdin, not arguments.
    // An extra word is refused rather than dropped: `stop app other-app` must not look like it stopped both.
    static int? MaxArgs(Verbs.Verb verb)
    {
        var words = verb.Usage.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).TakeWhile(w => w != "<").ToArray();
        return words.Any(w => w.EndsWith("...", StringComparison.Ordinal)) ? null : words.Length;
    }
}
