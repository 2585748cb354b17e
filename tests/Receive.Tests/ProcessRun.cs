using System.Diagnostics;

namespace Nap.Receive.Tests;

/// <summary>Runs a real process and captures what it printed.</summary>
public sealed record ProcessRun(int ExitCode, string Stdout, string Stderr)
{
    public static async Task<ProcessRun> StartAsync(
        string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> env, string? workingDir = null, string? stdin = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDir ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        foreach (var (key, value) in env)
            if (value is null)
                info.Environment.Remove(key);
            else
                info.Environment[key] = value;

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
                await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process exited without reading its stdin (a refused command): what it printed is the answer.
            // The writer still holds what it could not send; closing it again lets it go without a second throw.
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new ProcessRun(process.ExitCode, await stdout, await stderr);
    }
}
