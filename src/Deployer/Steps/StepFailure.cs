namespace Nap.Deployer.Steps;

/// <summary>Why a step failed (its name, and its exit code or its timeout), and the last lines it printed.</summary>
public sealed record StepFailure(string Reason, IReadOnlyList<string> LastLines);
