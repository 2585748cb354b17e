using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>
/// The environment a review branch deploys to: the branch itself when it is already a valid environment name,
/// else the branch lower-cased with every run of other characters as '-', cut to length, and 6 hex of the
/// branch's SHA-256, so two branches that read alike (feature/x, feature-x, Feature-X) never share one.
/// </summary>
public static partial class ReviewName
{
    const int HashLength = 6;

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Others();

    public static string For(string branch)
    {
        if (EnvName.Validate(branch) is null && branch != EnvName.Production)
            return branch;
        var label = Others().Replace(branch.ToLowerInvariant(), "-").Trim('-');
        if (label.Length == 0 || !char.IsAsciiLetterLower(label[0]))
            label = "b-" + label;
        label = label[..Math.Min(label.Length, EnvName.MaxLength - HashLength - 1)].TrimEnd('-');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(branch)))[..HashLength];
        return label + "-" + hash;
    }

    /// <summary>The branch of refs/heads/BRANCH, or null for any other ref (tags, notes).</summary>
    public static string? BranchOf(string refName) =>
        refName.StartsWith("refs/heads/", StringComparison.Ordinal) ? refName["refs/heads/".Length..] : null;
}
