using System.Security.Cryptography;
using Nap.Deployer.Certs;
using Nap.Deployer.Tests.Support;

namespace Nap.Deployer.Tests.Certs;

/// <summary>`certs:add`'s bundle: what is accepted, and the one line for everything that is not.</summary>
public sealed class CertBundleSpecs
{
    static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    static string Refusal(string bundle)
    {
        var error = Assert.Throws<CertBundleException>(() => CertBundle.Parse(bundle, Now));
        Assert.DoesNotContain('\n', error.Message);
        return error.Message;
    }

    [Fact]
    public void A_self_signed_certificate_with_its_key_is_accepted_with_its_names_issuer_and_fingerprint()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");

        var info = CertBundle.Parse(cert.Bundle, Now).Info;

        Assert.Equal("CN=web.example.com", info.Subject);
        Assert.Equal("CN=web.example.com", info.Issuer);
        Assert.Equal(["web.example.com"], info.Names);
        Assert.Equal(cert.Sha256, info.Fingerprint);
        Assert.Equal(cert.Certificate.NotAfter.ToUniversalTime(), info.NotAfter.UtcDateTime);
    }

    [Fact]
    public void An_ec_key_is_accepted_too()
    {
        var cert = TestCertificate.SelfSigned("web.example.com", ec: true);

        Assert.Equal(cert.Sha256, CertBundle.Parse(cert.Bundle, Now).Info.Fingerprint);
    }

    [Fact]
    public void In_any_order_the_certificate_of_the_key_comes_first_in_the_chain_and_the_key_is_stored_alone()
    {
        var ca = TestCertificate.Authority("Test CA");
        var leaf = ca.Issue("api.example.com");

        var bundle = CertBundle.Parse(ca.CertPem + "garbage between\n" + leaf.KeyPem + leaf.CertPem, Now);

        Assert.Equal("CN=api.example.com", bundle.Info.Subject);
        Assert.Equal("CN=Test CA", bundle.Info.Issuer);
        Assert.Equal(leaf.CertPem + ca.CertPem, bundle.ChainPem);
        Assert.Equal(leaf.KeyPem, bundle.KeyPem);
    }

    [Theory]
    [InlineData("hello, this is not a certificate\n")]
    [InlineData("-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n")]
    [InlineData("\u0000\u0001binary")]
    public void Garbage_is_refused_naming_what_is_expected(string garbage)
    {
        Assert.StartsWith("the input holds no PEM certificate (-----BEGIN CERTIFICATE-----): send the certificate chain and its private key", Refusal(garbage));
    }

    [Fact]
    public void A_certificate_whose_content_is_not_a_certificate_is_refused()
    {
        var bogus = PemEncodingText("CERTIFICATE", [1, 2, 3, 4]);

        Assert.StartsWith("certificate 1 in the bundle cannot be read", Refusal(bogus + TestCertificate.SelfSigned("a.example.com").KeyPem));
    }

    [Fact]
    public void A_bundle_without_its_key_is_refused()
    {
        Assert.StartsWith("the bundle holds no private key", Refusal(TestCertificate.SelfSigned("web.example.com").CertPem));
    }

    [Fact]
    public void A_key_that_belongs_to_another_certificate_is_refused()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");
        var other = TestCertificate.SelfSigned("web.example.com");

        Assert.Equal(
            "the private key does not belong to the certificate for web.example.com: send the key the certificate was issued for",
            Refusal(cert.CertPem + other.KeyPem));
    }

    [Fact]
    public void An_encrypted_key_is_refused_with_how_to_decrypt_it()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");
        using var key = RSA.Create();
        key.ImportFromPem(cert.KeyPem);
        var encrypted = key.ExportEncryptedPkcs8PrivateKeyPem("secret", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));

        Assert.Equal(
            "the private key is encrypted: decrypt it first (openssl pkey -in key.pem -out plain.pem) and send the bundle again",
            Refusal(cert.CertPem + encrypted));
    }

    [Fact]
    public void A_key_that_is_no_key_is_refused()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");

        Assert.StartsWith("the private key cannot be read", Refusal(cert.CertPem + PemEncodingText("PRIVATE KEY", [1, 2, 3])));
    }

    [Fact]
    public void Two_keys_are_refused()
    {
        var cert = TestCertificate.SelfSigned("web.example.com");

        Assert.StartsWith("the bundle holds 2 private keys", Refusal(cert.Bundle + TestCertificate.SelfSigned("x.example.com").KeyPem));
    }

    [Fact]
    public void An_expired_certificate_is_refused_with_its_date()
    {
        var cert = TestCertificate.SelfSigned("old.example.com", Now.AddDays(-30), Now.AddDays(-2));

        Assert.StartsWith("the certificate for old.example.com expired on ", Refusal(cert.Bundle));
    }

    [Fact]
    public void A_certificate_not_valid_yet_is_refused()
    {
        var cert = TestCertificate.SelfSigned("new.example.com", Now.AddDays(2), Now.AddDays(30));

        Assert.StartsWith("the certificate for new.example.com is valid only from ", Refusal(cert.Bundle));
    }

    static string PemEncodingText(string label, byte[] data) => new string(PemEncoding.Write(label, data)) + "\n";
}
