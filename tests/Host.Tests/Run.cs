using CliWrap;
using CliWrap.Buffered;

namespace Nap.Host.Tests;

/// <summary>Runs a real program on the test machine (docker, ssh, ssh-keygen, git) without throwing on failure.</summary>
public static class Run
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static async Task<ExecResult> Async(
        string program,
        IEnumerable<string> args,
        string? stdin = null,
        IReadOnlyDictionary<string, string>? env = null,
        string? workingDirectory = null,
        TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        var command = Cli.Wrap(program)
            .WithArguments(args)
            .WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(e => e.Set((IReadOnlyDictionary<string, string?>?)env?.ToDictionary(p => p.Key, p => (string?)p.Value) ?? new Dictionary<string, string?>()));
        if (workingDirectory is not null)
            command = command.WithWorkingDirectory(workingDirectory);
        if (stdin is not null)
            command = command.WithStandardInputPipe(PipeSource.FromString(stdin));
        try
        {
            var result = await command.ExecuteBufferedAsync(cts.Token);
            return new ExecResult(result.ExitCode, result.StandardOutput, result.StandardError);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"'{program} {string.Join(' ', args)}' did not finish within {timeout ?? DefaultTimeout}");
        }
    }
}
