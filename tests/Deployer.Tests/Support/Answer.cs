namespace Nap.Deployer.Tests.Support;

/// <summary>What a client got from napd: the exit code and its stdout and stderr lines.</summary>
public sealed record Answer(int Code, string Out, string Err)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
