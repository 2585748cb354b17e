using System.Text.RegularExpressions;
using Nap.Protocol;

namespace Nap.Deployer.Cluster;

/// <summary>
/// One `K=V` of nodes:label; `K=` removes K. Keys and values are kept to what a constraint
/// (`node.labels.K==V`, from a Dockerfile's `LABEL nap.constraint`) can name without quoting.
/// </summary>
public sealed partial record NodeLabel(string Key, string? Value)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ValuePattern();

    public bool Removes => Value is null;

    /// <summary>The label, or throws <see cref="ClusterException"/> naming what is wrong with it.</summary>
    public static NodeLabel Parse(string text)
    {
        var eq = text.IndexOf('=');
        if (eq < 0)
            throw new ClusterException($"'{Untrusted.Printable(text)}' is no label: give KEY=VALUE (KEY= removes KEY)");
        var (key, value) = (text[..eq], text[(eq + 1)..]);
        if (!KeyPattern().IsMatch(key))
            throw new ClusterException($"'{Untrusted.Printable(key)}' is no label key: letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit");
        if (!ValuePattern().IsMatch(value))
            throw new ClusterException($"'{Untrusted.Printable(value)}' is no label value: letters, digits, '.', '_' and '-', at most 63");
        return new NodeLabel(key, value.Length == 0 ? null : value);
    }
}
