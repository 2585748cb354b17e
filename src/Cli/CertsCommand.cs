using Nap.Protocol;

namespace Nap.Cli;

/// <summary>
/// `nap certs renew`: asks napd, as root over its socket, to renew every automatic certificate that is due. The renewal
/// timer (systemd/nap-certs-renew.timer) runs it; its lines go to that unit's journal.
/// </summary>
public static class CertsCommand
{
    public const string Help = """
        Usage: nap certs renew   renew the apps' automatic certificates that end within 30 days (run by nap-certs-renew.timer)
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, NapPaths paths)
    {
        switch (args)
        {
            case ["renew"]:
                return await NapClient.SendAsync(paths.Socket, new NapRequest(Verbs.RenewDueCertificates, [], "root"), stdout, stderr);
            case [] or ["help" or "--help" or "-h"]:
                await stdout.WriteLineAsync(Help);
                return 0;
            default:
                await stderr.WriteLineAsync($"nap certs: unknown arguments '{Untrusted.Printable(string.Join(' ', args))}': run 'nap certs --help'");
                return 2;
        }
    }
}
