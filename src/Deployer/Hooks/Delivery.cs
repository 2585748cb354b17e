namespace Nap.Deployer.Hooks;

/// <summary>One delivery as hooks:deliveries shows it: what arrived, how napd answered, and what became of its deploy.</summary>
/// <param name="Result">The answer's status and words ("202 deploying"), then the deploy's end ("deployed", "failed: ...").</param>
public sealed record Delivery(DateTimeOffset Time, string Forge, string Event, string? Id, string? Ref, string? Revision, int Status, string Result)
{
    /// <summary>The release the delivery's deploy made, once it went live.</summary>
    public int? Release { get; init; }

    /// <summary>The deploy's last lines, when it failed.</summary>
    public IReadOnlyList<string>? Output { get; init; }

    public Delivery WithResult(string result, int? release = null, IReadOnlyList<string>? output = null) =>
        this with { Result = result, Release = release ?? Release, Output = output ?? Output };
}
