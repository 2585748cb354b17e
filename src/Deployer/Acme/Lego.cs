using CliWrap;
using CliWrap.Buffered;
using Nap.Deployer.Unix;

namespace Nap.Deployer.Acme;

/// <summary>
/// Gets certificates through HTTP-01 with Debian's lego (docs/DESIGN.md says why lego): it registers the account
/// once, writes each challenge answer into the webroot nginx serves, and leaves the certificate in its own
/// directory, which napd reads and then deletes, so the app's tls/ holds the only copy of the key.
/// </summary>
public sealed class Lego(AcmeOptions options)
{
    // One run at a time: two first runs would both register the account; the CA's limits are per account too.
    static readonly SemaphoreSlim Gate = new(1, 1);

    /// <param name="domains">The names, the first one naming lego's files.</param>
    /// <exception cref="AcmeException">No certificate; the reason in one line.</exception>
    public async Task<IssuedCertificate> ObtainAsync(IReadOnlyList<string> domains, string email, CancellationToken ct)
    {
        if (domains.Count == 0)
            throw new ArgumentException("a certificate needs at least one name", nameof(domains));
        await Gate.WaitAsync(ct);
        try
        {
            PrepareDirectories();
            var result = await RunAsync(Arguments(domains, email), ct);
            if (result.ExitCode != 0)
                throw new AcmeException(LegoOutput.Reason(result.StandardError), LegoOutput.ProblemType(result.StandardError), result.StandardError);
            return TakeCertificate(domains[0]);
        }
        finally
        {
            Gate.Release();
        }
    }

    IEnumerable<string> Arguments(IReadOnlyList<string> domains, string email) =>
    [
        // name=value: a value that starts with '-' stays a value.
        $"--server={options.Directory}",
        "--accept-tos",
        $"--email={email}",
        $"--path={options.DataDir}",
        "--http",
        $"--http.webroot={options.Webroot}",
        .. domains.Select(d => $"--domains={d}"),
        "run",
    ];

    async Task<BufferedCommandResult> RunAsync(IEnumerable<string> args, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Timeout);
        var command = Cli.Wrap(options.Binary).WithArguments(args).WithValidation(CommandResultValidation.None)
            .WithEnvironmentVariables(env =>
            {
                // The bundle is added to the system's roots, not put in their place: a private CA's and the public ones.
                if (options.CaBundle is { } bundle)
                    env.Set("LEGO_CA_CERTIFICATES", bundle).Set("LEGO_CA_SYSTEM_CERT_POOL", "true");
            });
        try
        {
            return await command.ExecuteBufferedAsync(limit.Token);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new AcmeException($"the ACME client {options.Binary} is not installed: run scripts/install.sh again (or apt-get install lego)");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new AcmeException($"the ACME server at {options.Directory} gave no certificate within {options.Timeout.TotalMinutes:0} minutes");
        }
    }

    void PrepareDirectories()
    {
        Directory.CreateDirectory(options.DataDir, PrivateFile.OwnerOnly | UnixFileMode.UserExecute);
        // nginx's workers (www-data) read the answers: the webroot is world-readable, and holds nothing else.
        Directory.CreateDirectory(options.Webroot,
            PrivateFile.OwnerOnly | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    IssuedCertificate TakeCertificate(string firstDomain)
    {
        var stem = Path.Combine(options.DataDir, "certificates", firstDomain);
        try
        {
            // lego's .crt is the bundle: the certificate, then its issuers.
            return new IssuedCertificate(File.ReadAllText(stem + ".crt"), File.ReadAllText(stem + ".key"));
        }
        catch (IOException e)
        {
            throw new AcmeException($"lego reported success but left no certificate for {firstDomain} ({e.Message})");
        }
        finally
        {
            foreach (var extension in new[] { ".crt", ".key", ".issuer.crt", ".json" })
                File.Delete(stem + extension);
        }
    }
}
