using Microsoft.AspNetCore.Http;
using Platform.Contracts;
using Platform.Http;

namespace Platform.Auditing;

/// <summary>The purpose an endpoint serves when the caller names none (metadata on the endpoint).</summary>
public sealed record AuditedAttribute(string RecordType, string Purpose) : Platform.Http.IAccessLogged;

/// <summary>
/// Why a caller looks: the <c>X-Purpose</c> header (a consent purpose, or a legal one), with an
/// optional <c>X-Purpose-Reason</c> in the caller's own words (like ZGW's X-Audit-Toelichting);
/// without a header, the endpoint's own purpose.
/// </summary>
public static class AuditPurpose
{
    public const string Header = "X-Purpose";
    public const string ReasonHeader = "X-Purpose-Reason";
    public const int MaxReasonLength = 200;

    public static readonly IReadOnlyList<string> Known = [.. ConsentPurposes.All, .. LegalPurposes.All];

    public static (string Purpose, string? Explanation) Of(HttpContext http)
    {
        var named = http.Request.Headers[Header].ToString();
        var purpose = named.Length > 0 ? named : http.GetEndpoint()?.Metadata.GetMetadata<AuditedAttribute>()?.Purpose ?? "unknown";
        var reason = http.Request.Headers[ReasonHeader].ToString();
        return (purpose, reason.Length == 0 ? null : reason[..Math.Min(reason.Length, MaxReasonLength)]);
    }

    /// <summary>The header at fault and why, for a purpose the platform does not know or an overlong reason; else null.</summary>
    public static (string Field, string Message)? Invalid(HttpContext http)
    {
        var named = http.Request.Headers[Header].ToString();
        if (named.Length > 0 && !Known.Contains(named)) return (Header, $"One of: {string.Join(", ", Known)}.");
        if (http.Request.Headers[ReasonHeader].ToString().Length > MaxReasonLength) return (ReasonHeader, $"At most {MaxReasonLength} characters.");
        return null;
    }
}
