using System.Text.RegularExpressions;
using System.Text;
using CliWrap.Exceptions;
using CliWrap;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// Extracts one commit's tree into a directory (`git archive | tar -x`), for a release's src/.
/// Use <see cref="ExtractQuarantinedAsync"/> inside the pre-receive hook (the `receive` verb: the new
/// objects are still in git's quarantine) and <see cref="ExtractAsync"/> for revisions already in the
/// repository (`deploy APP REV`, after <see cref="RepoRevisions.Resolve"/>).
/// The tree is the pusher's: read its files (the Dockerfile) with <see cref="SourceFiles.ReadText"/>, which
/// refuses symlinks that lead out of it.
/// </summary>
public sealed partial class GitArchive(RepoStore repos)
{
    /// <summary>Files above this size go through git archive streamed, not whole in its memory.</summary>
    const string StreamedAbove = "32m";

    [GeneratedRegex("^([0-9a-f]{40}|[0-9a-f]{64})$")]
    private static partial Regex ObjectId();

    public Task ExtractAsync(string app, string commit, string destination, CancellationToken ct) =>
        RunAsync(app, commit, new Dictionary<string, string>(), destination, ct);

    /// <param name="gitEnv">The hook's git variables from the request (<c>NapRequest.GitEnv</c>), checked by <see cref="QuarantineEnv"/>.</param>
    public Task ExtractQuarantinedAsync(string app, string commit, IReadOnlyDictionary<string, string>? gitEnv, string destination, CancellationToken ct) =>
        RunAsync(app, commit, QuarantineEnv.Validate(repos.PathOf(app), gitEnv), destination, ct);

    async Task RunAsync(string app, string commit, IReadOnlyDictionary<string, string> objectEnv, string destination, CancellationToken ct)
    {
        if (!ObjectId().IsMatch(commit))
            throw new ArgumentException($"'{Untrusted.Printable(commit)}' is not a full commit id");
        var repo = repos.PathOf(app);
        Directory.CreateDirectory(destination);

        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            // napd's own environment must not steer git to another repository.
            ["GIT_DIR"] = null, ["GIT_WORK_TREE"] = null, ["GIT_INDEX_FILE"] = null, ["GIT_CONFIG_PARAMETERS"] = null,
            [GitQuarantine.QuarantinePath] = null, [GitQuarantine.ObjectDirectory] = null, [GitQuarantine.AlternateObjectDirectories] = null,
        };
        foreach (var (name, value) in objectEnv)
            env[name] = value;

        var gitErr = new StringBuilder();
        var tarErr = new StringBuilder();
        // git archive holds each file whole in memory up to core.bigFileThreshold (512 MiB) and streams bigger
        // ones: a pushed 300 MB file took 300 MB in napd's cgroup, whose MemoryMax is 256M (napd.service).
        var git = Cli.Wrap("git")
            .WithArguments(["-c", "safe.directory=" + repo, "-c", "core.bigFileThreshold=" + StreamedAbove, "--git-dir=" + repo, "archive", "--format=tar", commit])
            .WithEnvironmentVariables(env)
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(gitErr));
        var tar = Cli.Wrap("tar")
            .WithArguments(["-x", "-f", "-", "-C", destination, "--no-same-owner"])
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(tarErr));
        try
        {
            await (git | tar).ExecuteAsync(ct);
        }
        catch (CommandExecutionException e)
        {
            var why = (gitErr.ToString() + tarErr.ToString()).Trim().ReplaceLineEndings(" ");
            throw new IOException($"cannot extract {commit[..12]} of {app}: {(why.Length > 0 ? why : e.Message)}", e);
        }
    }
}
