using System.Security.Cryptography;
using System.Text;

namespace Platform.EndToEnd.Tests.Faults.Journeys;

/// <summary>
/// One child's journey as an integrator sends it: the school refers the child, then records the
/// parents' consent with Maastricht's wijkteam as coordinator (which opens the case). Each request
/// carries its own Idempotency-Key, kept across retries, as a careful integrator does.
/// </summary>
public sealed class Journey(int number)
{
    public int Number { get; } = number;
    public string Bsn { get; } = NewBsn();
    public string ChildReference => ChildReferenceOf(Bsn);
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public Step Referral { get; } = new("referral", Guid.NewGuid().ToString());
    public Step Consent { get; } = new("consent", Guid.NewGuid().ToString());

    public Guid? ReferralId { get; set; }
    public Guid? CaseId { get; set; }
    public Guid? ConsentId { get; set; }

    /// <summary>When the last of its requests was accepted; null while one is not (yet).</summary>
    public DateTimeOffset? CompletedAt => Referral.AcceptedAt is not null && Consent.AcceptedAt is { } at ? at : null;

    /// <summary>
    /// The child reference the services compute: the keyed hash under the development key the
    /// AppHost hands them (its <c>child-reference-key</c> parameter).
    /// </summary>
    public static string ChildReferenceOf(string bsn) =>
        "cr1-" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Convert.FromBase64String("ZGV2ZWxvcG1lbnQtb25seS1jaGlsZC1yZWZlcmVuY2Uta2V5LW5vdC1mb3ItcHJvZHVjdGlvbg=="),
            Encoding.ASCII.GetBytes(bsn)));

    /// <summary>A child no other journey of this run has (<see cref="Demo.NewBsn"/>).</summary>
    private static string NewBsn() => Demo.NewBsn();
}

/// <summary>One request of a journey: what was tried, and whether it was accepted (2xx).</summary>
public sealed class Step(string name, string idempotencyKey)
{
    public string Name { get; } = name;
    public string IdempotencyKey { get; } = idempotencyKey;
    public int Attempts { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Answers other than 2xx, e.g. "503", "502", "409", "connection refused": what the integrator saw meanwhile.</summary>
    public List<string> Setbacks { get; } = [];

    /// <summary>A 4xx that says the request itself is wrong: never expected from the journey.</summary>
    public string? Refused { get; set; }

    /// <summary>Two 2xx answers to the same key that named different records: a duplicate at the source.</summary>
    public bool AnsweredDifferently { get; set; }
}
