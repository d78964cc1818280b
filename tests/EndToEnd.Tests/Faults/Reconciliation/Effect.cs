using Platform.ServiceDefaults;
using Platform.AppHost;
using Platform.EndToEnd.Tests.Faults.Journeys;

namespace Platform.EndToEnd.Tests.Faults.Reconciliation;

/// <summary>
/// One effect an accepted request must have in one service, exactly once: how to find it for a
/// journey, and a query that counts it per key. Counting (not checking existence) is what finds a
/// duplicate: a second case for the same child, a second journal entry for one event.
/// </summary>
/// <param name="Service">The service that should act.</param>
/// <param name="What">The effect, as an operator would say it.</param>
/// <param name="Database">The service's database (connection string name).</param>
/// <param name="KeyOf">The journey's key for this effect; null when the journey never got that far.</param>
/// <param name="AcceptedBy">The request whose acceptance promises the effect.</param>
/// <param name="CountSql">SELECT key, count(*) ... WHERE key = ANY(@keys) GROUP BY key.</param>
public sealed record Effect(string Service, string What, string Database, Func<Journey, string?> KeyOf, Func<Journey, Step> AcceptedBy, string CountSql)
{
    private const string ReferralSubmitted = "Platform.Contracts.Intake.ReferralSubmitted";
    private const string CaseOpened = "Platform.Contracts.Intake.CaseOpened";

    /// <summary>What one journey (referral, then consent) must leave behind across six services.</summary>
    public static readonly IReadOnlyList<Effect> OfAJourney =
    [
        new("intake", "case for the child", ResourceNames.IntakeDb, j => j.ChildReference, j => j.Referral,
            "SELECT child_reference, count(*) FROM intake.cases WHERE child_reference = ANY(@keys) GROUP BY 1"),
        new("intake", "consent on the case", ResourceNames.IntakeDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT case_id::text, count(*) FROM intake.consents WHERE case_id::text = ANY(@keys) GROUP BY 1"),
        new("monitoring", "referral in the journal", ResourceNames.MonitoringDb, j => j.ReferralId?.ToString(), j => j.Referral,
            $"SELECT body->>'referralId', count(*) FROM monitoring.journal WHERE event_type = '{ReferralSubmitted}' AND body->>'referralId' = ANY(@keys) GROUP BY 1"),
        new("monitoring", "case opening in the journal", ResourceNames.MonitoringDb, j => j.CaseId?.ToString(), j => j.Consent,
            $"SELECT body->>'caseId', count(*) FROM monitoring.journal WHERE event_type = '{CaseOpened}' AND body->>'caseId' = ANY(@keys) GROUP BY 1"),
        new("funding", "copy of the case", ResourceNames.FundingDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT case_id::text, count(*) FROM consent.cases WHERE case_id::text = ANY(@keys) GROUP BY 1"),
        new("funding", "copy of the consent", ResourceNames.FundingDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT case_id::text, count(*) FROM consent.consents WHERE case_id::text = ANY(@keys) GROUP BY 1"),
        new("handover", "copy of the case", ResourceNames.HandoverDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT case_id::text, count(*) FROM consent.cases WHERE case_id::text = ANY(@keys) GROUP BY 1"),
        new("handover", "copy of the consent", ResourceNames.HandoverDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT case_id::text, count(*) FROM consent.consents WHERE case_id::text = ANY(@keys) GROUP BY 1"),
        new("audit", "access-log record of the referral", ResourceNames.AuditDb, j => j.ReferralId?.ToString(), j => j.Referral,
            "SELECT record_id, count(*) FROM audit.records WHERE service = 'intake' AND record_type = 'referral' AND action = 'create' AND outcome = 'success' AND record_id = ANY(@keys) GROUP BY 1"),
        new("audit", "access-log record of the consent", ResourceNames.AuditDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT record_id, count(*) FROM audit.records WHERE service = 'intake' AND record_type = 'case' AND action = 'update' AND outcome = 'success' AND record_id = ANY(@keys) GROUP BY 1"),
        new("subscriptions", "notification to the coordinator", ResourceNames.SubscriptionsDb, j => j.CaseId?.ToString(), j => j.Consent,
            "SELECT substring(body->>'resource' from '[0-9a-f-]{36}$'), count(*) FROM subscriptions.deliveries WHERE event_type = 'CaseOpened' AND substring(body->>'resource' from '[0-9a-f-]{36}$') = ANY(@keys) GROUP BY 1"),
    ];
}
