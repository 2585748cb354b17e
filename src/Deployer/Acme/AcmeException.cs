namespace Nap.Deployer.Acme;

/// <summary>No certificate: the message is the one line the client sees.</summary>
/// <param name="problem">The ACME problem type the CA answered with (RFC 8555 §6.7: rateLimited, connection, dns ...), if any.</param>
/// <param name="output">The client's whole log, for the journal.</param>
public sealed class AcmeException(string message, string? problem = null, string output = "") : Exception(message)
{
    public string? Problem { get; } = problem;

    public string Output { get; } = output;
}
