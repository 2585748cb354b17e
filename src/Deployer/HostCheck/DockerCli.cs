using CliWrap;
using CliWrap.Buffered;

namespace Nap.Deployer.HostCheck;

/// <summary>Asks the docker CLI the units run what it can do: its version and the engine's, and BuildKit's plugin.</summary>
public sealed class DockerCli(string docker)
{
    /// <summary>An engine that accepts the connection and never answers must not hold napd's start or a push for ever.</summary>
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    public string Path => docker;

    /// <summary>Both versions, or an empty server version and docker's first error line when the engine does not answer.</summary>
    public async Task<(string Client, string Server, string Error)> VersionAsync(CancellationToken ct)
    {
        var result = await RunAsync(["version", "--format", "{{.Client.Version}}|{{.Server.Version}}"], ct);
        var versions = result.Output.Split('|', 2);
        return (versions[0].Trim(), versions.Length > 1 ? versions[1].Trim() : "", result.Error);
    }

    /// <summary>The buildx plugin's version line ("github.com/docker/buildx 0.13.1+ds1 0.13.1+ds1-3"), or null when docker has none.</summary>
    public async Task<string?> BuildxAsync(CancellationToken ct)
    {
        var result = await RunAsync(["buildx", "version"], ct);
        return result.ExitCode == 0 && result.Output.Length > 0 ? result.Output : null;
    }

    async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Patience);
        try
        {
            var result = await Cli.Wrap(docker).WithArguments(args).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(timeout.Token);
            return (result.ExitCode, result.StandardOutput.Trim(), FirstLine(result.StandardError));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (-1, "", $"{docker} {args[0]} did not answer within {Patience.TotalSeconds:0} s");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            // Removed between the check that it exists and this start.
            return (-1, "", $"{docker} cannot start: {e.Message}");
        }
    }

    // docker warns first when it cannot read ~/.docker (napd runs with ProtectHome=yes); the error is the line after.
    static string FirstLine(string stderr) =>
        stderr.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(line => !line.StartsWith("WARNING:", StringComparison.Ordinal)) ?? "";
}
