using Nap.Protocol;

namespace Nap.Cli;

static class Usage
{
    public const string Text = """
        Usage: nap COMMAND [OPTIONS]

        Commands:
          unitgen   translate a Dockerfile into systemd units or a Swarm service (nap unitgen --help)
          keys      manage the SSH keys that may push to this host (nap keys --help)
          certs     renew the apps' automatic certificates now (nap certs --help)
          registry  set up the registry napd pushes each release to (nap registry --help)
          cluster   make this host a Swarm manager, for apps on several machines (nap cluster --help)
          nodes     the cluster's nodes: list, label, remove, the join command (nap nodes --help)
        """;

    public static int Print(TextWriter output, int exitCode)
    {
        output.WriteLine(Text);
        return exitCode;
    }

    public static int Unknown(string command, TextWriter error)
    {
        error.WriteLine($"nap: unknown command '{Untrusted.Printable(command)}': run 'nap --help' for the list");
        return 2;
    }
}
