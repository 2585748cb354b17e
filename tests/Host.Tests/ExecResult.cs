namespace Nap.Host.Tests;

/// <summary>What a command did: its exit code and both streams, whole.</summary>
public sealed record ExecResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";

    /// <summary>Throws with both streams when the command failed, so a broken setup explains itself.</summary>
    public ExecResult EnsureSuccess(string what) =>
        ExitCode == 0 ? this : throw new InvalidOperationException($"{what} failed: {this}");
}
