using Platform.Intake.Domain;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Domain.Consents;
using Platform.Privacy;

namespace Platform.Intake.Tests.Domain;

/// <summary>Cases in each state of the lifecycle, built only through the domain's own moves.</summary>
internal static class CaseBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 25);
    public static readonly WorkingDays Calendar = new([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 26)]);
    public static readonly ParentalAuthorityCheck Authority = new(["parents"], ParentalAuthority.Gezagsregister, new DateOnly(2026, 11, 25));
    public static readonly Coordinator Coordinating = new("gemeente-maastricht", "J. de Vries");

    public static Referral Referral(string organisation = "school-bs-de-linde", DateOnly? dateOfBirth = null)
    {
        Bsn.TryParse("111222333", out var bsn);
        return Platform.Intake.Domain.Referral.Submit(
            new Child(bsn, "Sanne", "Jansen", dateOfBirth ?? new DateOnly(2015, 4, 1), "GM0935"), "cr1-test", organisation, "school",
            [new SupportNeed(SupportDomain.Learning, "Reading")], "Extra support", Urgency.Soon, null, null, Now);
    }

    public static Case InState(CaseStatus status)
    {
        var @case = Case.Start(Referral(), Now);
        if (status == CaseStatus.Referred) return @case;
        if (status == CaseStatus.AwaitingConsent) { @case.RequestConsent(); return @case; }
        Open(@case);
        if (status == CaseStatus.Open) return @case;
        AgreePlan(@case);
        if (status == CaseStatus.PlanAgreed) return @case;
        @case.Close(CloseReason.GoalsReached, null, Now);
        return @case;
    }

    public static Consent Open(Case @case, Coordinator? coordinator = null) => @case.RecordConsent(
        [ConsentParty.Parents], Authority, ["school-bs-de-linde", "gemeente-maastricht", "jgz-zuid-limburg"], "Support planning", ["support", "tlv", "handover", "arrangement"],
        Today, null, coordinator ?? Coordinating, "school-bs-de-linde", Now, Calendar, 10);

    public static PlanVersion AgreePlan(Case @case, ArrangementRequest? arrangement = null) => @case.AgreePlan(
        ["Reads at age level by summer"], [new PlanAction("school-bs-de-linde", "Daily reading support", "Mentor", Today.AddDays(30))],
        Today.AddMonths(3), arrangement, "gemeente-maastricht", Now);
}
