namespace Nap.Cli.Registry;

/// <summary>What `registry init` asks of the host beyond files: programs (systemctl, chgrp) and the registry's answer.</summary>
public interface IRegistryHost
{
    /// <returns>The exit code and what the program printed (stdout and stderr).</returns>
    Task<(int Exit, string Output)> RunAsync(params string[] argv);

    /// <summary>Null once https://ADDRESS/v2/ answers 200 to those credentials over TLS trusting only the CA; else why not.</summary>
    Task<string?> ProbeAsync(string address, string caPem, string user, string password);
}
