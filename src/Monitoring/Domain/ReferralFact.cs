namespace Platform.Monitoring.Domain;

/// <summary>
/// One referral, as Monitoring needs it to count: which municipality, which month. No child
/// reference, no organisation, no free text: Monitoring stores nothing that could single out a child.
/// The referral id is kept only so that the same referral is never counted twice.
/// </summary>
public sealed class ReferralFact
{
    public Guid ReferralId { get; private set; }
    public string HomeMunicipality { get; private set; } = "";

    /// <summary>Calendar month of the referral, e.g. 2026-11, in Dutch time.</summary>
    public string Period { get; private set; } = "";
    public DateTimeOffset SubmittedAt { get; private set; }

    private ReferralFact() { }

    public ReferralFact(Guid referralId, string homeMunicipality, DateTimeOffset submittedAt)
    {
        ReferralId = referralId;
        HomeMunicipality = homeMunicipality;
        SubmittedAt = submittedAt;
        Period = Periods.MonthOf(submittedAt);
    }
}
