namespace Nap.Protocol;

/// <summary>
/// One request to napd: a verb with its arguments, on behalf of a key.
/// The key name is trusted only because the socket admits just root and the nap group.
/// </summary>
public sealed record NapRequest(string Verb, IReadOnlyList<string> Args, string Key)
{
    /// <summary>Git's hook environment (GIT_QUARANTINE_PATH and friends) for the `receive` verb.</summary>
    public IReadOnlyDictionary<string, string>? GitEnv { get; init; }

    /// <summary>The client's stdin, for the verbs that take input (<see cref="Verbs.Verb.TakesInput"/>).</summary>
    public string? Input { get; init; }

    public NapRequest WithInput(string input) => this with { Input = input };

    public NapRequest WithGitEnv(IReadOnlyDictionary<string, string> env) => this with { GitEnv = env };
}
