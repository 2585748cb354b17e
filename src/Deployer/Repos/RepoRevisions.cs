using System.Text.RegularExpressions;
using LibGit2Sharp;
using Nap.Deployer.Apps;

namespace Nap.Deployer.Repos;

/// <summary>Revisions already in an app's repository: what `deploy APP [REV]` builds.</summary>
public sealed partial class RepoRevisions(RepoStore repos)
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._/^~-]{0,199}$")]
    private static partial Regex Spec();

    /// <summary>The full id of the commit REV names (a branch, a tag, a full or abbreviated id), or null.</summary>
    public string? Resolve(string app, string revision)
    {
        if (!Spec().IsMatch(revision) || !repos.Exists(app))
            return null;
        using var repo = new Repository(repos.PathOf(app));
        try
        {
            return repo.Lookup<Commit>(revision)?.Sha;
        }
        catch (LibGit2SharpException)
        {
            return null;
        }
    }

    /// <summary>The commit a ref points at now (e.g. "refs/heads/master"), or null when it does not exist.</summary>
    public string? RefTarget(string app, string refName)
    {
        if (!repos.Exists(app))
            return null;
        using var repo = new Repository(repos.PathOf(app));
        return repo.Refs[refName]?.ResolveToDirectReference()?.TargetIdentifier;
    }

    /// <summary>The deploy branch's head (master, then main, unless the app set its own), or null before any push to it.</summary>
    public (string Branch, string Commit)? DeployHead(AppState app)
    {
        if (!repos.Exists(app.Name))
            return null;
        using var repo = new Repository(repos.PathOf(app.Name));
        foreach (var branch in app.DeployBranch is { } own ? [own] : AppState.DefaultDeployBranches)
            if (repo.Branches[branch]?.Tip is { } tip)
                return (branch, tip.Sha);
        return null;
    }
}
