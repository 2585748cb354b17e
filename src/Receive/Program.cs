using Nap.Protocol;
using Nap.Receive;

try
{
    // `--admin` is accepted so the key line keeps the shape `nap keys` writes, and otherwise ignored:
    // napd reads who is an admin from authorized_keys itself, never from its client.
    return args switch
    {
        ["--key", var key, .. var rest] when rest is [] or ["--admin"] =>
            await ForcedCommand.RunAsync(key, Environment.GetEnvironmentVariable("SSH_ORIGINAL_COMMAND"), NapPaths.FromEnvironment(), Console.OpenStandardInput(), Console.Out, Console.Error),
        ["hook", "pre-receive"] => await RunHookAsync(),
        _ => Usage(),
    };
}
catch (Exception e) when (e is IOException or System.Text.Json.JsonException or System.Net.Sockets.SocketException)
{
    // A broken reply or a lost socket: the pusher gets one line, never a stack trace.
    try
    {
        Console.Error.WriteLine($"nap: the conversation with the nap daemon broke off ({e.Message.ReplaceLineEndings(" ")}): try again, or ask the host's admin to check 'journalctl -u napd'");
    }
    catch (IOException)
    {
        // Nobody left to tell: the client is gone.
    }
    return 1;
}

static async Task<int> RunHookAsync()
{
    using var gone = ClientGone.WatchThroughGit();
    return await PreReceiveHook.RunAsync(Console.In, Console.Out, Console.Error, NapPaths.FromEnvironment(), gone.Token);
}

static int Usage()
{
    Console.Error.WriteLine("nap-receive: usage: nap-receive --key NAME [--admin] (as an ssh forced command), or nap-receive hook pre-receive (as a git hook)");
    return 2;
}
