using System.Globalization;
using Nap.Cli.Registry;
using Nap.Protocol;

namespace Nap.Cli;

/// <summary>`nap registry init`: run as root on the primary host. It acts itself, not through napd (docs/DESIGN.md says why).</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public static class RegistryCommand
{
    public const string Help = """
        Usage: nap registry init [--address HOST] [--port PORT]
                 set up Debian's docker-registry for napd to push each release to: TLS with a CA nap makes,
                 htpasswd credentials only napd and the engines use, the engine trusting the CA (certs.d);
                 HOST defaults to the recorded one, else this host's primary IPv4; PORT to 5000.
                 A second run changes nothing and says so.
        """;

    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr) =>
        RunAsync(args, stdout, stderr, RegistryFiles.Host(NapPaths.FromEnvironment()), new RegistryHost(), Environment.IsPrivilegedProcess);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, RegistryFiles files, IRegistryHost host, bool root)
    {
        if (args is [] or ["help" or "--help" or "-h"])
        {
            await stdout.WriteLineAsync(Help);
            return 0;
        }
        if (args is not ["init", .. var options] || Options(options) is not var (address, port))
        {
            await stderr.WriteLineAsync($"nap registry: unknown arguments '{Untrusted.Printable(string.Join(' ', args))}': run 'nap registry --help'");
            return 2;
        }
        if (!root)
        {
            await stderr.WriteLineAsync("nap registry init: run it as root on the primary host (it writes /etc/docker and restarts docker-registry)");
            return 1;
        }
        try
        {
            return await new RegistryInit(files, host, TimeProvider.System).RunAsync(address, port, stdout, stderr);
        }
        catch (Exception e) when (e is RegistryInitException or IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"nap registry init: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }

    static (string? Address, int? Port)? Options(string[] options)
    {
        string? address = null;
        int? port = null;
        for (var i = 0; i < options.Length; i += 2)
            switch (options[i..])
            {
                case ["--address", var a, ..] when a.Length > 0 && !a.Contains('/') && !a.Contains(':'):
                    address = a;
                    break;
                case ["--port", var p, ..] when int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is > 0 and < 65536:
                    port = n;
                    break;
                default:
                    return null;
            }
        return (address, port);
    }
}
