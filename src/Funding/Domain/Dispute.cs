using Platform.Contracts;
using Platform.Contracts.Funding;
using Platform.Messaging.Outbox;

namespace Platform.Funding.Domain;

/// <summary>filed → answered → concluded; a dispute may conclude without the board's answer (an opinion regardless, or a withdrawal).</summary>
public enum DisputeStatus
{
    Filed,
    Answered,
    Concluded,
}

/// <summary>What the parents dispute with the school board at the Geschillencommissie passend onderwijs (RULES.md §4).</summary>
public static class DisputeSubjects
{
    public const string AdmissionRefused = "admission-refused";
    public const string Removal = "removal";
    public const string Opp = "opp";
    public static readonly IReadOnlyList<string> All = [AdmissionRefused, Removal, Opp];

    /// <summary>The subjects where the child may be left without a school place: the leerplicht officer follows them.</summary>
    public static readonly IReadOnlyList<string> PlaceAtStake = [AdmissionRefused, Removal];
}

/// <summary>How a dispute ends: the commission's opinion, or the parents' withdrawal before it.</summary>
public static class DisputeOutcomes
{
    public const string Founded = "founded";
    public const string PartlyFounded = "partly-founded";
    public const string Unfounded = "unfounded";
    public const string Inadmissible = "inadmissible";
    public const string Withdrawn = "withdrawn";

    /// <summary>What the commission's opinion may say (gegrond, gedeeltelijk gegrond, ongegrond, niet-ontvankelijk).</summary>
    public static readonly IReadOnlyList<string> Opinions = [Founded, PartlyFounded, Unfounded, Inadmissible];
}

/// <summary>
/// A dispute at the Geschillencommissie passend onderwijs (RULES.md §4): the parents against the board of a school about an
/// admission refused, a removal, or the OPP. The parents file within 6 weeks of the board's decision; the board answers (its
/// verweerschrift) within 2 weeks; the commission gives its opinion within 10 weeks. The platform's reading: both the 2 and the
/// 10 weeks count from the filing. A late filing, answer or opinion is recorded and flagged, never refused: the commission
/// decides whether it still hears a late dispute. The school whose board is party records the dispute and its steps; the
/// platform holds dates, subject and outcome, never the parents' letter or the commission's reasoning.
/// </summary>
public sealed class Dispute : IRecordsIntegrationEvents
{
    /// <summary>RULES.md §4: the parents file within 6 weeks of the disputed decision.</summary>
    public const int FilingTermDays = 42;
    /// <summary>RULES.md §4: the board answers in 2 weeks (counted from the filing: the platform's reading).</summary>
    public const int AnswerTermDays = 14;
    /// <summary>RULES.md §4: the commission's opinion within 10 weeks of the filing.</summary>
    public const int OpinionTermDays = 70;

    public const string AnswerStep = "answer";
    public const string OpinionStep = "opinion";

    private readonly List<IIntegrationEvent> _events = [];

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public string ChildReference { get; private set; } = "";
    public string HomeMunicipality { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public Guid? ZorgplichtApplicationId { get; private set; }
    public Guid? OppId { get; private set; }
    public string SchoolOrganisationId { get; private set; } = "";
    public string SchoolLocationId { get; private set; } = "";
    public string SchoolType { get; private set; } = "";
    public string SchoolMunicipality { get; private set; } = "";
    public string SwvId { get; private set; } = "";
    public DateOnly DisputedDecisionOn { get; private set; }
    public DateOnly FiledOn { get; private set; }
    public bool FiledInTime { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public DisputeStatus Status { get; private set; }
    public DateOnly AnswerDueOn { get; private set; }
    public DateOnly OpinionDueOn { get; private set; }
    public DateOnly? AnsweredOn { get; private set; }
    public bool? AnswerOnTime { get; private set; }
    public DateTimeOffset? AnswerTermPassedAt { get; private set; }
    public DateTimeOffset? OpinionTermPassedAt { get; private set; }
    public string? Outcome { get; private set; }
    public DateOnly? EndedOn { get; private set; }
    /// <summary>Whether an opinion came within the 10 weeks; a withdrawal is on time.</summary>
    public bool? EndedOnTime { get; private set; }
    public uint Version { get; private set; }

    public IReadOnlyList<IIntegrationEvent> PendingEvents => _events;
    public void ClearPendingEvents() => _events.Clear();

    /// <summary>The last day the parents could file in time: 6 weeks after the disputed decision.</summary>
    public DateOnly FilingDueOn => DisputedDecisionOn.AddDays(FilingTermDays);

    private Dispute() { }

    /// <summary>
    /// The school records the parents' filing. Filed before the disputed decision was made, or on a day still to come, is not a
    /// filing (RULES.md §4); filed after the 6 weeks is recorded and flagged (<see cref="FiledInTime"/> false).
    /// </summary>
    public static Dispute File(Guid caseId, string childReference, string homeMunicipality, string subject, Guid? zorgplichtApplicationId, Guid? oppId,
        string school, string schoolLocation, string schoolType, string schoolMunicipality, string swv, DateOnly disputedDecisionOn, DateOnly filedOn,
        DateTimeOffset now)
    {
        if (!DisputeSubjects.All.Contains(subject)) throw new DomainRuleException("subject", $"One of: {string.Join(", ", DisputeSubjects.All)}.");
        var today = DutchTime.DateOf(now);
        if (disputedDecisionOn > today)
            throw new DomainRuleException("disputedDecisionOn", "Cannot be in the future: the parents dispute a decision the board made (RULES.md §4, Geschillencommissie passend onderwijs).");
        if (filedOn > today)
            throw new DomainRuleException("filedOn", "Cannot be in the future: record the filing once the parents filed (RULES.md §4, Geschillencommissie passend onderwijs).");
        if (filedOn < disputedDecisionOn)
            throw new DomainRuleException("filedOn",
                $"Filed before the disputed decision ({disputedDecisionOn:yyyy-MM-dd}): the parents file against a decision made, within 6 weeks of it (RULES.md §4, Geschillencommissie passend onderwijs).");
        var dispute = new Dispute
        {
            Id = Guid.CreateVersion7(now), CaseId = caseId, ChildReference = childReference, HomeMunicipality = homeMunicipality, Subject = subject,
            ZorgplichtApplicationId = zorgplichtApplicationId, OppId = oppId, SchoolOrganisationId = school, SchoolLocationId = schoolLocation,
            SchoolType = schoolType, SchoolMunicipality = schoolMunicipality, SwvId = swv, DisputedDecisionOn = disputedDecisionOn, FiledOn = filedOn,
            RegisteredAt = now, Status = DisputeStatus.Filed,
            AnswerDueOn = filedOn.AddDays(AnswerTermDays), OpinionDueOn = filedOn.AddDays(OpinionTermDays),
        };
        dispute.FiledInTime = filedOn <= dispute.FilingDueOn;
        dispute._events.Add(new DisputeFiled(dispute.Id, caseId, childReference, homeMunicipality, subject, zorgplichtApplicationId, oppId, school,
            schoolType, schoolMunicipality, swv, disputedDecisionOn, filedOn, dispute.FiledInTime, dispute.AnswerDueOn, dispute.OpinionDueOn, now));
        return dispute;
    }

    /// <summary>The board's answer (verweerschrift): once, before the dispute concluded; after the 2 weeks recorded and flagged (RULES.md §4).</summary>
    public void Answer(DateOnly answeredOn, DateTimeOffset now)
    {
        RequireNotConcluded("answer");
        if (Status == DisputeStatus.Answered)
            throw new IllegalTransitionException($"The board answered already ({AnsweredOn:yyyy-MM-dd}): it answers once (RULES.md §4, Geschillencommissie passend onderwijs).");
        RequireDay("answeredOn", answeredOn, now);
        (Status, AnsweredOn, AnswerOnTime) = (DisputeStatus.Answered, answeredOn, answeredOn <= AnswerDueOn);
        _events.Add(new DisputeAnswered(Id, SchoolType, SchoolMunicipality, SwvId, answeredOn, AnswerOnTime.Value, now));
    }

    /// <summary>The commission's opinion ends the dispute; after the 10 weeks recorded and flagged (RULES.md §4).</summary>
    public void RecordOpinion(string outcome, DateOnly givenOn, DateTimeOffset now)
    {
        RequireNotConcluded("record an opinion");
        if (!DisputeOutcomes.Opinions.Contains(outcome)) throw new DomainRuleException("outcome", $"One of: {string.Join(", ", DisputeOutcomes.Opinions)}.");
        RequireDay("givenOn", givenOn, now);
        Conclude(outcome, givenOn, givenOn <= OpinionDueOn, now);
    }

    /// <summary>The parents withdraw the dispute: any time before the opinion.</summary>
    public void Withdraw(DateOnly withdrawnOn, DateTimeOffset now)
    {
        RequireNotConcluded("withdraw");
        RequireDay("withdrawnOn", withdrawnOn, now);
        Conclude(DisputeOutcomes.Withdrawn, withdrawnOn, onTime: true, now);
    }

    private void Conclude(string outcome, DateOnly on, bool onTime, DateTimeOffset now)
    {
        (Status, Outcome, EndedOn, EndedOnTime) = (DisputeStatus.Concluded, outcome, on, onTime);
        _events.Add(new DisputeConcluded(Id, ChildReference, Subject, SchoolType, SchoolMunicipality, SwvId, outcome, on, onTime, now));
    }

    /// <summary>The board's 2 weeks passed without its answer (raised once).</summary>
    public bool IsAnswerTermPassed(DateOnly today) => Status == DisputeStatus.Filed && AnswerTermPassedAt is null && today > AnswerDueOn;

    public void RaiseAnswerTermPassed(DateTimeOffset now)
    {
        AnswerTermPassedAt = now;
        _events.Add(new DisputeTermPassed(Id, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, AnswerStep, AnswerDueOn, now));
    }

    /// <summary>The commission's 10 weeks passed without an opinion or a withdrawal (raised once).</summary>
    public bool IsOpinionTermPassed(DateOnly today) => Status != DisputeStatus.Concluded && OpinionTermPassedAt is null && today > OpinionDueOn;

    public void RaiseOpinionTermPassed(DateTimeOffset now)
    {
        OpinionTermPassedAt = now;
        _events.Add(new DisputeTermPassed(Id, SchoolOrganisationId, SchoolType, SchoolMunicipality, SwvId, OpinionStep, OpinionDueOn, now));
    }

    private void RequireNotConcluded(string action)
    {
        if (Status == DisputeStatus.Concluded)
            throw new IllegalTransitionException(
                $"Cannot {action}: the dispute concluded ({Outcome}, {EndedOn:yyyy-MM-dd}); the commission's opinion or the withdrawal ends it (RULES.md §4, Geschillencommissie passend onderwijs).");
    }

    private void RequireDay(string field, DateOnly day, DateTimeOffset now)
    {
        if (day > DutchTime.DateOf(now)) throw new DomainRuleException(field, "Cannot be in the future.");
        if (day < FiledOn) throw new DomainRuleException(field, $"Cannot be before the filing ({FiledOn:yyyy-MM-dd}).");
    }
}
