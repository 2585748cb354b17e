namespace Nap.Cli;

static class KeysCommand
{
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("nap keys: not implemented yet");
        return Task.FromResult(1);
    }
}
