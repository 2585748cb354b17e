using Nap.Protocol;
using Nap.Receive;

// `--admin` is accepted so the key line keeps the shape `nap keys` writes, and otherwise ignored:
// napd reads who is an admin from authorized_keys itself, never from its client.
return args switch
{
    ["--key", var key, .. var rest] when rest is [] or ["--admin"] =>
        await ForcedCommand.RunAsync(key, Environment.GetEnvironmentVariable("SSH_ORIGINAL_COMMAND"), NapPaths.FromEnvironment(), Console.Out, Console.Error),
    ["hook", "pre-receive"] => await RunHookAsync(),
    _ => Usage(),
};

static async Task<int> RunHookAsync()
{
    using var gone = ClientGone.Watch();
    return await PreReceiveHook.RunAsync(Console.In, Console.Out, Console.Error, NapPaths.FromEnvironment(), gone.Token);
}

static int Usage()
{
    Console.Error.WriteLine("nap-receive: usage: nap-receive --key NAME [--admin] (as an ssh forced command), or nap-receive hook pre-receive (as a git hook)");
    return 2;
}
