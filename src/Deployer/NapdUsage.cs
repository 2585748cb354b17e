using Nap.Deployer.HostCheck;

namespace Nap.Deployer;

/// <summary>
/// napd's command line. systemd starts it with no argument; anything else is a person at a shell, who must not
/// start a second daemon by asking for help (it would take over the socket of the one systemd runs).
/// </summary>
public static class NapdUsage
{
    public const string Line = "usage: napd [--check-host | --help]";

    public const string Text = Line + """

        napd is nap's daemon: systemd runs it as napd.service (systemctl status napd, journalctl -u napd).
          --check-host  say whether this host can build and run apps (the docker CLI and engine, BuildKit,
                        the programs nap's units start), exit 1 with the one-line problem if not
          --help        this text
        Its settings are /etc/nap/napd.json, read at its start; see man napd.
        """;

    /// <summary>The exit code for <paramref name="args"/> when they are not napd's daemon run, else null.</summary>
    public static async Task<int?> RunAsync(string[] args)
    {
        switch (args)
        {
            case []:
                return null;
            case [HostCheckCommand.Flag]:
                return await HostCheckCommand.RunAsync();
            case ["--help" or "-h"]:
                await Console.Out.WriteLineAsync(Text);
                return 0;
            default:
                await Console.Error.WriteLineAsync($"napd: unknown argument '{args[0]}' (systemd runs napd with none): {Line}");
                return 2;
        }
    }
}
