using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;

namespace Platform.Identity.Monitoring;

/// <summary>
/// When the signing certificates run out (<c>platform.identity.signing_certificate.not_after</c>, a Unix
/// time per certificate, by thumbprint): the alert "signing certificate near expiry" compares it with
/// now (docs/operations.md, "Alerts" and "Signing keys"). A platform whose certificate expires issues
/// no token any service accepts. Development's per-machine certificate is not measured.
/// </summary>
public static class IdentityMetrics
{
    public const string MeterName = "Platform.Identity";
    private static readonly Meter Meter = new(MeterName);
    private static IReadOnlyList<(string Thumbprint, long NotAfter)> _certificates = [];

    static IdentityMetrics() =>
        Meter.CreateObservableGauge("platform.identity.signing_certificate.not_after", () => _certificates.Select(c =>
                new Measurement<long>(c.NotAfter, new KeyValuePair<string, object?>("thumbprint", c.Thumbprint))),
            "s", "Unix time at which a signing certificate Identity publishes expires.");

    public static void SigningWith(IEnumerable<X509Certificate2> certificates) =>
        _certificates = [.. certificates.Select(c => (c.Thumbprint, new DateTimeOffset(c.NotAfter.ToUniversalTime()).ToUnixTimeSeconds()))];
}
