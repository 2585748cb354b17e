using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.UnitGen.Rendering;

/// <summary>
/// Placement: the Dockerfile's <c>LABEL nap.constraint="A;B"</c>, the host's constraints, fleet's MachineMetadata K=V
/// (node.labels.K==V) and the volume pin, each held to Swarm's grammar before the engine sees it. The grammar is
/// swarmkit's (manager/constraint/constraint.go: a key, == or !=, a value of letters, digits and :-_.*()?+[]\^$|/),
/// narrowed to the node attributes its scheduler reads (node.id, .hostname, .role, .platform.os, .platform.arch,
/// .labels.K) and without blanks, which swarmkit trims away: what passes here, the engine places the same way.
/// </summary>
static partial class SwarmConstraints
{
    public const string Label = "nap.constraint";

    public const string Rule = "node.id, node.hostname, node.role, node.platform.os, node.platform.arch or node.labels.KEY, then == or !=, then a value of letters, digits and :-_.*()?+[]^$|/";

    public const string Manager = "node.role==manager";

    [GeneratedRegex(@"^node\.(id|hostname|role|platform\.os|platform\.arch|labels\.[A-Za-z0-9_][A-Za-z0-9_.-]*)(==|!=)[A-Za-z0-9:_.*()?+\[\]\\^$|/-]+$")]
    private static partial Regex Grammar();

    public static bool IsValid(string constraint) => Grammar().IsMatch(constraint);

    /// <summary>The Dockerfile's constraints: LABEL keeps the last value for a key, as docker does; ';' separates.</summary>
    public static IEnumerable<string> FromLabel(UnitPlan plan)
    {
        var value = plan.Image.Labels.Where(l => l.Key == Label).Select(l => (string?)l.Value).LastOrDefault();
        if (value is null)
            return [];
        return value.Split(';').Select(c => c.Trim(' ', '\t')).Where(c => c.Length > 0)
            .Select(c => Checked(c, $"LABEL {Label}"));
    }

    public static IEnumerable<string> FromOptions(UnitPlan plan) =>
        plan.Options.Constraints.Select(c => Checked(c, "--constraint"));

    /// <summary>fleet's MachineMetadata=region=eu is Swarm's node.labels.region==eu.</summary>
    public static IEnumerable<string> FromMachineMetadata(UnitPlan plan) =>
        plan.Options.MachineMetadata.Select(m => m.Split('=', 2)).Select(kv => Checked($"node.labels.{kv[0]}=={kv[1]}", $"machine metadata {string.Join('=', kv)}"));

    static string Checked(string constraint, string from) =>
        IsValid(constraint)
            ? constraint
            : throw new RenderException($"{from}: '{Untrusted.Printable(constraint)}' is not a Swarm constraint: use {Rule}");
}
