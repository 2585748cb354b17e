using System.Text.RegularExpressions;
using System.Text;
using CliWrap.Exceptions;
using CliWrap;
using LibGit2Sharp;
using Nap.Deployer.Settings;
using Nap.Protocol;

namespace Nap.Deployer.Repos;

/// <summary>
/// Extracts one commit's tree into a directory (`git archive`, written by <see cref="TarCheckout"/> within the limits), for a release's src/.
/// Use <see cref="ExtractQuarantinedAsync"/> inside the pre-receive hook (the `receive` verb: the new
/// objects are still in git's quarantine) and <see cref="ExtractAsync"/> for revisions already in the
/// repository (`deploy APP REV`, after <see cref="RepoRevisions.Resolve"/>).
/// The tree is the pusher's: read its files (the Dockerfile) with <see cref="SourceFiles.ReadText"/>, which
/// refuses symlinks that lead out of it.
/// </summary>
public sealed partial class GitArchive(RepoStore repos, NapPaths paths, NapdConfig config)
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

        // git runs as root here, and the repository is the nap user's: its config (filter drivers, core.*) and hooks
        // could run commands as root. So git reads only the repository's objects, through an empty repository of
        // napd's own whose config names no filter; the tree's .gitattributes then select none (export-ignore and
        // export-subst are git's own, and run nothing).
        var env = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_DIR"] = null, ["GIT_WORK_TREE"] = null, ["GIT_INDEX_FILE"] = null, ["GIT_CONFIG_PARAMETERS"] = null,
            ["GIT_CONFIG_COUNT"] = null, ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_CONFIG_GLOBAL"] = "/dev/null", ["GIT_ATTR_NOSYSTEM"] = "1",
            [GitQuarantine.QuarantinePath] = null,
            [GitQuarantine.ObjectDirectory] = Path.Combine(repo, "objects"),
            [GitQuarantine.AlternateObjectDirectories] = null,
        };
        foreach (var (name, value) in objectEnv)
            env[name] = value;

        var gitErr = new StringBuilder();
        var checkout = new TarCheckout(destination, config.Limits);
        using var stopped = CancellationTokenSource.CreateLinkedTokenSource(ct);
        // git archive holds each file whole in memory up to core.bigFileThreshold (512 MiB) and streams bigger
        // ones: a pushed 300 MB file took 300 MB in napd's cgroup, whose MemoryMax is 256M (napd.service).
        var git = Cli.Wrap("git")
            .WithArguments(["-c", "core.bigFileThreshold=" + StreamedAbove, "--git-dir=" + EmptyRepository(), "archive", "--format=tar", commit])
            .WithEnvironmentVariables(env)
            .WithStandardOutputPipe(PipeTarget.Create(async (tar, token) =>
            {
                // Past a limit git is stopped at once: the rest of a huge tree is never even read.
                if (!await checkout.WriteAsync(tar, token))
                    await stopped.CancelAsync();
                else
                    // git pads the archive past its end marker to a whole record: read it, or git dies of SIGPIPE.
                    await tar.CopyToAsync(Stream.Null, token);
            }))
            .WithStandardErrorPipe(PipeTarget.ToStringBuilder(gitErr));
        try
        {
            await git.ExecuteAsync(stopped.Token);
        }
        catch (OperationCanceledException) when (checkout.Refusal is { } refusal)
        {
            throw new CheckoutRefusedException($"{refusal}: nothing was built");
        }
        catch (CommandExecutionException e)
        {
            var why = gitErr.ToString().Trim().ReplaceLineEndings(" ");
            throw new IOException($"cannot extract {commit[..12]} of {app}: {(why.Length > 0 ? why : e.Message)}", e);
        }
        catch (Exception e) when (e is InvalidDataException or FormatException)
        {
            throw new IOException($"cannot extract {commit[..12]} of {app}: {e.Message}", e);
        }
    }

    /// <summary>napd's own empty bare repository (root's, under the data dir), made on first use.</summary>
    string EmptyRepository()
    {
        var path = Path.Combine(paths.DataDir, "archive.git");
        if (!Directory.Exists(Path.Combine(path, "objects")))
            Repository.Init(path, isBare: true);
        return path;
    }
}
