using Microsoft.Extensions.DependencyInjection;
using Nap.Deployer.Apps;
using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;
using Nap.Deployer.Verbs;

namespace Nap.Deployer.Tests.Repos;

/// <summary>
/// A real `git push` into a repository napd created: git runs the installed pre-receive hook (the real
/// nap-receive) with the new objects in quarantine, the hook asks napd (`receive`), and napd extracts the pushed tree.
/// </summary>
public sealed class QuarantinedPushSpecs
{
    /// <summary>The spec's `receive`: extracts every pushed revision with GitArchive and lists its files.</summary>
    sealed class ExtractingReceive(GitArchive archive, string into) : IVerbHandler
    {
        public string Verb => "receive";

        public async Task<int> HandleAsync(VerbContext context, CancellationToken ct)
        {
            foreach (var line in context.Args.Skip(1))
            {
                var commit = line.Split(' ')[1];
                var dest = Path.Combine(into, commit);
                await archive.ExtractQuarantinedAsync(context.App!, commit, context.Request.GitEnv, dest, ct);
                foreach (var file in Directory.EnumerateFiles(dest, "*", SearchOption.AllDirectories).Order())
                    await context.Reply.OutAsync("extracted " + Path.GetRelativePath(dest, file));
                if (File.Exists(Path.Combine(dest, "reject")))
                {
                    await context.Reply.ErrAsync("-----> rejected by the spec");
                    return 1;
                }
            }

            return 0;
        }
    }

    static async Task<(TestNapd Napd, string Extracted, Dictionary<string, string> PushEnv)> StartAsync()
    {
        string? extracted = null;
        var napd = await TestNapd.StartAsync(
            s => s.AddSingleton<IVerbHandler>(sp => new ExtractingReceive(sp.GetRequiredService<GitArchive>(), extracted!)),
            config: c => c.WithReceiveBinary(Path.Combine(AppContext.BaseDirectory, "nap-receive")),
            configureDir: dir => extracted = dir.Sub("extracted"));
        Assert.Equal(0, (await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop")).Code);
        var env = new Dictionary<string, string> { ["NAP_APP"] = "shop", ["NAP_KEY"] = Keys.Alice, ["NAP_RUNTIME_DIR"] = napd.Paths.RuntimeDir };
        return (napd, extracted!, env);
    }

    [Fact]
    public async Task The_pushed_tree_is_extracted_from_the_quarantine_and_the_push_lands()
    {
        var (napd, extracted, env) = await StartAsync();
        await using var _ = napd;
        var work = napd.Dir.Sub("work");
        var commit = await Git.CommitAsync(work, new Dictionary<string, string> { ["Dockerfile"] = "FROM scratch\n", ["src/app.txt"] = "hello\n" });

        var push = await Git.RunAsync(work, env, "push", napd.Paths.Repo("shop"), "master");

        Assert.Equal(0, push.Code);
        Assert.Contains("remote: extracted Dockerfile", push.Err);
        Assert.Contains("remote: extracted src/app.txt", push.Err);
        Assert.Equal("hello\n", File.ReadAllText(Path.Combine(extracted, commit, "src", "app.txt")));
        Assert.Equal(commit, napd.Get<RepoRevisions>().Resolve("shop", "master"));
    }

    [Fact]
    public async Task A_refusing_napd_rejects_the_push_and_the_branch_stays()
    {
        var (napd, _, env) = await StartAsync();
        await using var __ = napd;
        var work = napd.Dir.Sub("work");
        var good = await Git.CommitAsync(work, new Dictionary<string, string> { ["app.txt"] = "v1\n" });
        Git.Check(await Git.RunAsync(work, env, "push", napd.Paths.Repo("shop"), "master"));
        await Git.CommitAsync(work, new Dictionary<string, string> { ["reject"] = "" });

        var push = await Git.RunAsync(work, env, "push", napd.Paths.Repo("shop"), "master");

        Assert.NotEqual(0, push.Code);
        Assert.Contains("remote: -----> rejected by the spec", push.Err);
        Assert.Contains("pre-receive hook declined", push.Err);
        Assert.Equal(good, napd.Get<RepoRevisions>().Resolve("shop", "master"));
    }

    [Fact]
    public async Task A_revision_already_in_the_repository_is_extracted_without_quarantine()
    {
        var (napd, _, env) = await StartAsync();
        await using var _ = napd;
        var work = napd.Dir.Sub("work");
        var first = await Git.CommitAsync(work, new Dictionary<string, string> { ["app.txt"] = "v1\n" });
        await Git.CommitAsync(work, new Dictionary<string, string> { ["app.txt"] = "v2\n" });
        Git.Check(await Git.RunAsync(work, env, "push", napd.Paths.Repo("shop"), "master"));
        var dest = Path.Combine(napd.Dir.Path, "redeploy");

        var resolved = napd.Get<RepoRevisions>().Resolve("shop", first[..7]);
        await napd.Get<GitArchive>().ExtractAsync("shop", resolved!, dest, default);

        Assert.Equal(first, resolved);
        Assert.Equal("v1\n", File.ReadAllText(Path.Combine(dest, "app.txt")));
        var state = (await napd.Get<AppStateStore>().ReadAsync("shop"))!;
        Assert.Equal("master", napd.Get<RepoRevisions>().DeployHead(state)!.Value.Branch);
    }

    [Fact]
    public async Task Object_directories_outside_the_repository_are_refused()
    {
        var (napd, _, _) = await StartAsync();
        await using var _ = napd;
        var elsewhere = napd.Dir.Sub("elsewhere");
        var archive = napd.Get<GitArchive>();
        var commit = new string('a', 40);

        var outside = await Assert.ThrowsAsync<ArgumentException>(() => archive.ExtractQuarantinedAsync("shop", commit,
            new Dictionary<string, string> { ["GIT_OBJECT_DIRECTORY"] = elsewhere }, elsewhere, default));
        var dotdot = await Assert.ThrowsAsync<ArgumentException>(() => archive.ExtractQuarantinedAsync("shop", commit,
            new Dictionary<string, string> { ["GIT_OBJECT_DIRECTORY"] = napd.Paths.Repo("shop") + "/objects/../../../elsewhere" }, elsewhere, default));
        var alternate = await Assert.ThrowsAsync<ArgumentException>(() => archive.ExtractQuarantinedAsync("shop", commit,
            new Dictionary<string, string> { ["GIT_OBJECT_DIRECTORY"] = napd.Paths.Repo("shop") + "/objects", ["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = "/etc" }, elsewhere, default));
        var other = await Assert.ThrowsAsync<ArgumentException>(() => archive.ExtractQuarantinedAsync("shop", commit,
            new Dictionary<string, string> { ["GIT_OBJECT_DIRECTORY"] = napd.Paths.Repo("shop") + "/objects", ["GIT_DIR"] = "/etc" }, elsewhere, default));

        Assert.Contains("points outside", outside.Message);
        Assert.Contains("points outside", dotdot.Message);
        Assert.Contains("GIT_ALTERNATE_OBJECT_DIRECTORIES points outside", alternate.Message);
        Assert.Contains("unexpected git variable GIT_DIR", other.Message);
    }

    [Fact]
    public async Task A_symlink_inside_the_repository_cannot_lead_outside()
    {
        var (napd, _, _) = await StartAsync();
        await using var _ = napd;
        var link = Path.Combine(napd.Paths.Repo("shop"), "objects", "tmp_objdir-incoming-evil");
        File.CreateSymbolicLink(link, napd.Dir.Sub("elsewhere"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => napd.Get<GitArchive>().ExtractQuarantinedAsync("shop", new string('a', 40),
            new Dictionary<string, string> { ["GIT_OBJECT_DIRECTORY"] = link }, napd.Dir.Sub("out"), default));

        Assert.Contains("points outside", error.Message);
    }

    [Theory]
    [InlineData("master")]
    [InlineData("--output=/etc/passwd")]
    [InlineData("abc123")]
    public async Task Only_full_commit_ids_are_archived(string revision)
    {
        var (napd, _, _) = await StartAsync();
        await using var _ = napd;

        var error = await Assert.ThrowsAsync<ArgumentException>(() => napd.Get<GitArchive>().ExtractAsync("shop", revision, napd.Dir.Sub("out"), default));

        Assert.Contains("is not a full commit id", error.Message);
    }
}
