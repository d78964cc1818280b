using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Messaging.Tests;

/// <summary>
/// TLS to the broker in Kubernetes (#25 point 8): the services trust the region's CA for the broker
/// alone (Messaging:TrustedCaFile), never a certificate from another CA, nor one for another name.
/// </summary>
public sealed class BrokerTlsTests
{
    [Fact]
    public void A_broker_certificate_from_the_regions_CA_is_trusted_and_one_from_another_CA_or_for_another_name_is_not()
    {
        using var regionCa = Ca("village-platform-ca");
        using var otherCa = Ca("someone-else");
        using var broker = Leaf(regionCa, "messaging.village-platform.svc");
        using var impostor = Leaf(otherCa, "messaging.village-platform.svc");
        var trust = BrokerTls.TrustOnly(X509CertificateLoader.LoadCertificate(regionCa.Export(X509ContentType.Cert)));

        // The system's store does not know the region's CA: the chain error is judged against our CA instead.
        Assert.True(trust(this, broker, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust(this, impostor, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust(this, broker, null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    private static X509Certificate2 Ca(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 ca, string host)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={host}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(host);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        return request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(30), RandomNumberGenerator.GetBytes(8));
    }
}
