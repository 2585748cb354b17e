using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Apps;

/// <summary>The BRANCH of `envs:add APP ENV --branch BRANCH`: a name git takes for a branch (git check-ref-format's rules, narrowed to plain characters).</summary>
public static partial class BranchName
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/-]{0,99}$")]
    private static partial Regex Pattern();

    public static string? Validate(string? branch) =>
        branch is null || !Pattern().IsMatch(branch) || branch.Contains("..", StringComparison.Ordinal) || branch.Contains("//", StringComparison.Ordinal)
        || branch.EndsWith('/') || branch.EndsWith('.') || branch.EndsWith(".lock", StringComparison.Ordinal) || branch.Contains("/.", StringComparison.Ordinal)
            ? $"'{Untrusted.Printable(branch ?? "")}' is not a branch name napd takes: letters, digits, '.', '_', '-' and '/', at most 100, no '..' (e.g. --branch develop)"
            : null;
}
