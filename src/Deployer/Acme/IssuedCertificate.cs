namespace Nap.Deployer.Acme;

/// <summary>What the CA issued: the chain (the certificate first, then its issuers) and the new private key, as PEM.</summary>
public sealed record IssuedCertificate(string ChainPem, string KeyPem)
{
    public string Bundle => ChainPem.TrimEnd() + "\n" + KeyPem;
}
