using System.Globalization;

namespace Nap.Host.Tests;

/// <summary>
/// The forge of the webhook specs: a second container of the host image running only sshd, with a `git` user
/// whose bare repositories napd fetches over ssh with an app's deploy key (added to its authorized_keys, as a
/// forge adds a deploy key). The test pushes to it from inside, as a developer pushes to their forge.
/// </summary>
public sealed class ForgeHost : IAsyncLifetime
{
    const string Boot = """
        set -e
        ssh-keygen -A
        mkdir -p /run/sshd
        useradd -m -s /bin/sh git
        usermod -p '*' git
        install -d -o git -g git -m 700 /home/git/.ssh
        install -o git -g git -m 600 /dev/null /home/git/.ssh/authorized_keys
        exec /usr/sbin/sshd -D -e
        """;

    string? id;

    public string Id => id ?? throw new InvalidOperationException("the forge is not started");

    public string Ip { get; private set; } = "";

    public async Task InitializeAsync()
    {
        HostPrerequisites.Check();
        id = (await Run.Async("docker", ["run", "-d", "--name", $"nap-forge-{Guid.NewGuid():N}"[..20], "--label", "nap.test=host",
                "--label", "nap.test.pid=" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                "--entrypoint", "sh", RepoLayout.HostImage, "-c", Boot]))
            .EnsureSuccess("docker run (the forge)").Stdout.Trim();
        Ip = (await Run.Async("docker", ["inspect", "-f", "{{.NetworkSettings.IPAddress}}", Id])).EnsureSuccess("docker inspect").Stdout.Trim();
        for (var i = 0; (await Exec("sh", "-c", "test -s /run/sshd.pid")).ExitCode != 0; i++)
        {
            if (i > 600)
                throw new InvalidOperationException("the forge's sshd did not start: " + (await Run.Async("docker", ["logs", Id])));
            await Task.Delay(100);
        }
    }

    public Task<ExecResult> Exec(params string[] command) => Run.Async("docker", ["exec", Id, .. command]);

    /// <summary>An empty bare repository at ~git/PATH, e.g. acme/shop.git; its ssh URL for hooks:add.</summary>
    public async Task<string> CreateRepoAsync(string path)
    {
        (await Run.Async("docker", ["exec", "-u", "git", Id, "git", "init", "-q", "--bare", "-b", "main", "/home/git/" + path])).EnsureSuccess("git init --bare");
        return $"git@{Ip}:{path}";
    }

    /// <summary>A deploy key, as the forge's "add deploy key" does.</summary>
    public async Task AuthorizeAsync(string publicKey) =>
        (await Run.Async("docker", ["exec", "-i", "-u", "git", Id, "sh", "-c", "cat >> /home/git/.ssh/authorized_keys"], publicKey.Trim() + "\n")).EnsureSuccess("authorized_keys");

    /// <summary>The work tree's HEAD pushed to the forge's <paramref name="branch"/>; returns the revision.</summary>
    public async Task<string> PushAsync(GitWorkTree tree, string path, string branch = "main")
    {
        var src = "/tmp/src-" + Guid.NewGuid().ToString("N")[..8];
        (await Run.Async("docker", ["cp", tree.Path + "/.", $"{Id}:{src}"])).EnsureSuccess("docker cp");
        (await Exec("chown", "-R", "git:git", src)).EnsureSuccess("chown");
        (await Run.Async("docker", ["exec", "-u", "git", Id, "git", "-C", src, "push", "-q", "-f", "/home/git/" + path, "HEAD:refs/heads/" + branch])).EnsureSuccess("push to the forge");
        return await tree.HeadAsync();
    }

    public async Task DisposeAsync()
    {
        if (id is not null)
            await Run.Async("docker", ["rm", "-f", "-v", id]);
    }
}
