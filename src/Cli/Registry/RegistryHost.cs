using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;

namespace Nap.Cli.Registry;

/// <summary><see cref="IRegistryHost"/> on the machine itself.</summary>
public sealed class RegistryHost : IRegistryHost
{
    static readonly TimeSpan ProbeFor = TimeSpan.FromSeconds(15);

    public async Task<(int Exit, string Output)> RunAsync(params string[] argv)
    {
        var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in argv.Skip(1))
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new IOException($"{argv[0]} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }

    public async Task<string?> ProbeAsync(string address, string caPem, string user, string password)
    {
        using var ca = X509Certificate2.CreateFromPem(caPem);
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
                return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(new X509Certificate2(certificate));
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{password}")));
        var until = DateTime.UtcNow + ProbeFor;
        string problem;
        do
        {
            try
            {
                using var response = await http.GetAsync($"https://{address}/v2/");
                if (response.IsSuccessStatusCode)
                    return null;
                problem = $"https://{address}/v2/ answered {(int)response.StatusCode} {response.ReasonPhrase}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                problem = $"https://{address}/v2/ did not answer: {e.GetBaseException().Message}";
            }
            await Task.Delay(250);
        }
        while (DateTime.UtcNow < until);
        return problem;
    }
}
