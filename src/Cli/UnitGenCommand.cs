namespace Nap.Cli;

static class UnitGenCommand
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("nap unitgen: not implemented yet");
        return Task.FromResult(1);
    }
}
