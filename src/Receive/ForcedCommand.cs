using System.Diagnostics;
using Nap.Protocol;

namespace Nap.Receive;

/// <summary>`nap-receive --key NAME`: what sshd runs for every connection of a key, whatever the client asked.</summary>
public static class ForcedCommand
{
    public static async Task<int> RunAsync(string key, string? command, NapPaths paths, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        if (KeyName.Validate(key) is { } keyError)
        {
            await stderr.WriteLineAsync($"nap: this key's line in authorized_keys is broken ({keyError}): ask the host's admin to add the key again with 'nap keys add'");
            return 1;
        }

        return SshCommandParser.Parse(command) switch
        {
            VerbCommand verb => await RunVerbAsync(verb, key, paths, stdin, stdout, stderr),
            GitCommand git => await RunGitAsync(git, key, paths, stderr),
            Refusal refusal => await RefuseAsync(refusal, stderr),
            _ => throw new UnreachableException(),
        };
    }

    static async Task<int> RefuseAsync(Refusal refusal, TextWriter stderr)
    {
        await stderr.WriteLineAsync("nap: " + refusal.Reason);
        await stderr.WriteLineAsync(Verbs.ShortHelp);
        return 1;
    }

    static async Task<int> RunVerbAsync(VerbCommand verb, string key, NapPaths paths, Stream stdin, TextWriter stdout, TextWriter stderr)
    {
        // `logs -f` runs until the client leaves; closing the socket then is what stops napd's side.
        using var gone = ClientGone.Watch();
        try
        {
            var request = new NapRequest(verb.Verb.Name, verb.Args, key);
            // Only a verb that takes input reads stdin: any other must not wait for an end-of-file that may never come.
            if (verb.Verb.ReadsInput(verb.Args))
                request = request.WithInput(await StdinInput.ReadAsync(stdin, verb.Verb, gone.Token));
            return await NapClient.SendAsync(paths.Socket, request, stdout, stderr, gone.Token);
        }
        catch (InputException e)
        {
            await stderr.WriteLineAsync("nap: " + e.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            return 1;
        }
    }

    static async Task<int> RunGitAsync(GitCommand git, string key, NapPaths paths, TextWriter stderr)
    {
        // stdout belongs to the git protocol: napd's lines, even its Out ones, must go to stderr.
        var code = await NapClient.SendAsync(paths.Socket, new NapRequest(git.Service.Verb, [git.App], key), stderr, stderr);
        if (code != 0)
            return code;

        if (git.Service.ProgramPath() is not { } program)
        {
            await stderr.WriteLineAsync($"nap: {git.Service.Verb} is not installed on this host: ask the host's admin to install git");
            return 1;
        }

        // The hook reads NAP_KEY and NAP_APP to tell napd who pushed what; nothing else of the client's reaches git.
        var errno = Exec.Replace(program, [program, paths.Repo(git.App)], GitEnvironment.For(key, git.App, Environment.GetEnvironmentVariable));
        await stderr.WriteLineAsync($"nap: cannot start {program} (errno {errno}): ask the host's admin to check the git installation");
        return 1;
    }
}
