using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Messaging;

/// <summary>
/// TLS to the broker (amqps://, port 5671) in Kubernetes: the broker's certificate is issued by the
/// region's own CA (cert-manager), which the services trust for the broker alone, from the file
/// <c>Messaging:TrustedCaFile</c> names (<c>ca.crt</c> of the <c>messaging-ca</c> Secret), not by
/// adding it to the machine's trust store. Without that setting the system's trust store decides.
/// </summary>
public static class BrokerTls
{
    /// <summary>A validation that accepts only a certificate for the expected host that chains to <paramref name="ca"/>.</summary>
    public static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 ca) => (_, certificate, _, errors) =>
    {
        // A wrong or missing name is never forgiven; only the chain is judged against our CA instead of the system's.
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return chain.Build(presented);
    };

    public static X509Certificate2 LoadCa(string path) => X509CertificateLoader.LoadCertificateFromFile(path);
}
