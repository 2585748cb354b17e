using Nap.Deployer.Repos;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Repos;

/// <summary>napd (root) extracts checkouts from repositories the nap user owns: nothing in them may run a command as root.</summary>
public sealed class GitArchiveSpecs
{
    [Fact]
    public async Task A_filter_driver_planted_in_the_repositorys_config_runs_nothing_and_the_checkout_is_the_pushed_bytes()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var repo = napd.Paths.Repo("shop");
        var marker = Path.Combine(napd.Dir.Path, "ran-as-root");
        // What a nap user who got a shell could add to its repository, to be run by root at the next checkout.
        File.AppendAllText(Path.Combine(repo, "config"), $"[filter \"evil\"]\n\tsmudge = sh -c 'touch {marker}; cat'\n\trequired = true\n");
        var work = napd.Dir.Sub("work");
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[core]\n\thooksPath = /dev/null\n");
        var commit = await Git.CommitAsync(work, new Dictionary<string, string> { [".gitattributes"] = "* filter=evil\n", ["app.txt"] = "as pushed\n" });
        Git.Check(await Git.RunAsync(work, null, "push", repo, "master"));
        var dest = Path.Combine(napd.Dir.Path, "src");

        await napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default);

        Assert.False(File.Exists(marker), "the repository's filter ran as root");
        Assert.Equal("as pushed\n", File.ReadAllText(Path.Combine(dest, "app.txt")));
    }

    /// <summary>A tree that names one small blob from <paramref name="fanout"/>^<paramref name="depth"/> paths, as a push of a few kilobytes can.</summary>
    static async Task<string> MultiplyingCommitAsync(string work, string repo, int fanout, int depth, int blobBytes)
    {
        async Task<string> GitOutAsync(string? stdin, params string[] args)
        {
            var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = work, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add("--git-dir=" + repo);
            foreach (var arg in args)
                start.ArgumentList.Add(arg);
            start.Environment["GIT_AUTHOR_NAME"] = start.Environment["GIT_COMMITTER_NAME"] = "Spec";
            start.Environment["GIT_AUTHOR_EMAIL"] = start.Environment["GIT_COMMITTER_EMAIL"] = "spec@example.com";
            using var git = System.Diagnostics.Process.Start(start)!;
            if (stdin is not null)
                await git.StandardInput.WriteAsync(stdin);
            git.StandardInput.Close();
            var output = await git.StandardOutput.ReadToEndAsync();
            await git.WaitForExitAsync();
            Assert.True(git.ExitCode == 0, await git.StandardError.ReadToEndAsync());
            return output.Trim();
        }

        var content = Path.Combine(work, "blob");
        File.WriteAllText(content, new string('x', blobBytes));
        var entry = ("100644 blob", await GitOutAsync(null, "hash-object", "-w", content));
        for (var level = 0; level < depth; level++)
        {
            var listing = string.Concat(Enumerable.Range(0, fanout).Select(i => $"{entry.Item1} {entry.Item2}\tn{i}\n"));
            entry = ("040000 tree", await GitOutAsync(listing, "mktree"));
        }
        return await GitOutAsync(null, "commit-tree", entry.Item2, "-m", "many");
    }

    [Theory]
    [InlineData(10, 4, 10, 50, 1 << 20, "holds more than 50 files when checked out (limits.checkoutFiles in /etc/nap/napd.json)")]
    [InlineData(10, 3, 100_000, 100_000, 10 << 20, "is larger than 10 MB when checked out (limits.checkoutMegabytes in /etc/nap/napd.json)")]
    public async Task A_small_push_that_checks_out_past_the_limits_stops_there_and_writes_nothing_past_them(
        int fanout, int depth, int blobBytes, int maxFiles, long maxBytes, string refusal)
    {
        await using var napd = await TestNapd.StartAsync(config: c => c.WithLimits(c.Limits.WithCheckout(maxFiles, maxBytes)));
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var commit = await MultiplyingCommitAsync(napd.Dir.Sub("work"), napd.Paths.Repo("shop"), fanout, depth, blobBytes);
        var dest = Path.Combine(napd.Dir.Path, "src");

        var error = await Assert.ThrowsAsync<CheckoutRefusedException>(() => napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default));

        Assert.Equal($"the pushed revision {refusal}: nothing was built", error.Message);
        var written = Directory.EnumerateFileSystemEntries(dest, "*", SearchOption.AllDirectories).ToArray();
        Assert.True(written.Length <= maxFiles, $"{written.Length} entries written");
        Assert.True(written.Where(File.Exists).Sum(f => new FileInfo(f).Length) <= maxBytes);
    }

    [Fact]
    public async Task A_checkout_larger_than_a_pipe_buffer_reads_the_archive_to_its_end()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var work = napd.Dir.Sub("work");
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[core]\n\thooksPath = /dev/null\n");
        var files = Enumerable.Range(0, 40).ToDictionary(i => $"f{i}.txt", i => new string((char)('a' + i % 26), 5000 + i));
        var commit = await Git.CommitAsync(work, files);
        Git.Check(await Git.RunAsync(work, null, "push", napd.Paths.Repo("shop"), "master"));
        var dest = Path.Combine(napd.Dir.Path, "src");

        await napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default);

        Assert.All(files, f => Assert.Equal(f.Value, File.ReadAllText(Path.Combine(dest, f.Key))));
    }

    [Fact]
    public async Task A_tree_within_the_limits_checks_out_whole_with_its_modes_and_symlinks()
    {
        await using var napd = await TestNapd.StartAsync();
        await napd.SendAsync(Keys.Alice, "git-receive-pack", "shop");
        var work = napd.Dir.Sub("work");
        File.WriteAllText(Path.Combine(work, ".gitconfig"), "[core]\n\thooksPath = /dev/null\n");
        var commit = await Git.CommitAsync(work, new Dictionary<string, string> { ["www/index.html"] = "hi\n", ["run.sh"] = "#!/bin/sh\n" });
        File.SetUnixFileMode(Path.Combine(work, "run.sh"), (UnixFileMode)0b111_101_101);
        File.CreateSymbolicLink(Path.Combine(work, "latest"), "www/index.html");
        Git.Check(await Git.RunAsync(work, null, "add", "-A"));
        Git.Check(await Git.RunAsync(work, null, "commit", "-q", "-m", "modes"));
        commit = Git.Check(await Git.RunAsync(work, null, "rev-parse", "HEAD")).Out.Trim();
        Git.Check(await Git.RunAsync(work, null, "push", napd.Paths.Repo("shop"), "master"));
        var dest = Path.Combine(napd.Dir.Path, "src");

        await napd.Get<GitArchive>().ExtractAsync("shop", commit, dest, default);

        Assert.Equal("hi\n", File.ReadAllText(Path.Combine(dest, "www", "index.html")));
        Assert.True(File.GetUnixFileMode(Path.Combine(dest, "run.sh")).HasFlag(UnixFileMode.UserExecute));
        Assert.Equal("www/index.html", new FileInfo(Path.Combine(dest, "latest")).LinkTarget);
    }
}
