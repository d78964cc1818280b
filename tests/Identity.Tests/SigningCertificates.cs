using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Identity.Tests;

/// <summary>Self-signed signing certificates as an operator would mount them: PKCS#12 files with a password.</summary>
public static class SigningCertificates
{
    public const string Password = "rotation-test";

    public static string Create(string directory, string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        var path = Path.Combine(directory, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, Password));
        return path;
    }
}
