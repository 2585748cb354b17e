using Nap.Protocol;

namespace Nap.Receive;

/// <summary>
/// `nap-receive hook pre-receive`: git runs it with the pushed objects still in quarantine.
/// It hands the ref updates and the quarantine's whereabouts to napd, which deploys, and
/// relays napd's lines as they come, which git shows the pusher as `remote:` lines.
/// napd's exit code is the hook's: non-zero rejects the push and the refs stay as they were.
/// </summary>
public static class PreReceiveHook
{
    public static async Task<int> RunAsync(TextReader stdin, TextWriter stdout, TextWriter stderr, NapPaths paths, CancellationToken ct)
    {
        var app = Environment.GetEnvironmentVariable("NAP_APP");
        var key = Environment.GetEnvironmentVariable("NAP_KEY");
        if (AppName.Validate(app) is not null || KeyName.Validate(key) is not null)
        {
            await stderr.WriteLineAsync("nap: this repository is managed by nap and takes pushes only over ssh: push with git push nap@HOST:APP");
            return 1;
        }

        try
        {
            var args = new List<string> { app! };
            while (await stdin.ReadLineAsync(ct) is { } line)
                if (line.Length > 0)
                    args.Add(line);

            if (await PushedHistory.CheckAsync(args.Skip(1).ToArray(), ct) is { } incomplete)
            {
                await stderr.WriteLineAsync("nap: " + incomplete);
                return 1;
            }

            var gitEnv = GitQuarantine.Names
                .Select(name => (name, value: Environment.GetEnvironmentVariable(name)))
                .Where(e => !string.IsNullOrEmpty(e.value))
                .ToDictionary(e => e.name, e => Absolute(e.value!));

            var request = new NapRequest(Verbs.Receive, args, key!).WithGitEnv(gitEnv);
            return await NapClient.SendAsync(paths.Socket, request, stdout, stderr, ct);
        }
        catch (OperationCanceledException)
        {
            // The pusher is gone (Ctrl-C, lost connection): the socket is closed by now, which is
            // napd's signal to cancel the deploy. Nobody is left to read a message.
            return 1;
        }
    }

    // git hands the hook paths like `REPO/./objects/...`, relative ones in principle; napd runs
    // elsewhere and checks that the paths lie inside the repo, so it gets them absolute and normalized.
    // GIT_ALTERNATE_OBJECT_DIRECTORIES is a ':' list; a quoted entry (a path with ':') is left as it is.
    static string Absolute(string value) =>
        value.StartsWith('"') ? value : string.Join(':', value.Split(':').Select(p => p.Length == 0 ? p : Path.GetFullPath(p)));
}
