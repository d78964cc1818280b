using Platform.Contracts.Handover;

namespace Platform.Handover.Domain;

/// <summary>
/// The sending school's reports in the dossier (issue #24 points 5 and 6, RULES.md §7): the PO→VO school advice with
/// the doorstroomtoets result, and the onderwijskundig rapport with the parents' copy, "seen" and view. Only the sender
/// writes them (the API checks that), and never once the handover completed. The receiving school sees them with the
/// dossier: after it accepted (the pupil applied or enrolled) and under consent.
/// </summary>
public sealed partial class HandoverProcess
{
    private const string PrimaryToSecondary = "primary-to-secondary";
    private const string NeverLowered = "RULES.md §7 (WPO art. 43): a school advice is never lowered";

    /// <summary>Voorlopig schooladvies: from 10 January; before that refused, after 31 January accepted and flagged late.</summary>
    public void GiveProvisionalAdvice(string level, DateOnly givenOn, SchoolAdviceCalendar calendar, DateTimeOffset now)
    {
        var advice = RequireAdvice(givenOn, now);
        if (advice.Provisional is not null)
            throw new IllegalTransitionException("The provisional advice was given already: the final advice or a revision raises it (RULES.md §7).");
        var year = SchoolAdviceCalendar.AdviceYearOf(givenOn);
        if (givenOn < calendar.ProvisionalFrom(year))
            throw new DomainRuleException("givenOn", $"The provisional school advice is given from {calendar.ProvisionalFrom(year):yyyy-MM-dd} "
                + $"to {calendar.ProvisionalUntil(year):yyyy-MM-dd} (RULES.md §7, WPO art. 43), not before.");
        advice.Provisional = new AdviceStep(level, givenOn, Late: givenOn > calendar.ProvisionalUntil(year), now);
        Given("provisional", advice.Provisional, now);
    }

    /// <summary>The doorstroomtoets follows the provisional advice; one result per pupil.</summary>
    public void RecordDoorstroomtoets(string level, DateOnly takenOn, DateTimeOffset now)
    {
        var advice = RequireAdvice(takenOn, now, "takenOn");
        if (advice.Provisional is not { } provisional)
            throw new IllegalTransitionException("The doorstroomtoets follows the provisional advice: record that first (RULES.md §7).");
        if (advice.Doorstroomtoets is not null) throw new IllegalTransitionException("The doorstroomtoets result was recorded already.");
        if (takenOn < provisional.GivenOn)
            throw new DomainRuleException("takenOn", "The doorstroomtoets is taken after the provisional advice was given (RULES.md §7: advice in January, the test in February).");
        advice.Doorstroomtoets = new DoorstroomtoetsResult(level, takenOn, now);
        _events.Add(new DoorstroomtoetsResultRecorded(Id, level, takenOn, AdviceLevels.Rank(level) > AdviceLevels.Rank(provisional.Level), now));
    }

    /// <summary>
    /// Definitief schooladvies: never below the provisional advice; when the doorstroomtoets came out higher, raised or
    /// with the reason it is not in the child's interest. After 24 March accepted and flagged late.
    /// </summary>
    public void GiveFinalAdvice(string level, DateOnly givenOn, string? notRaisedReason, SchoolAdviceCalendar calendar, DateTimeOffset now)
    {
        var advice = RequireAdvice(givenOn, now);
        if (advice.Provisional is not { } provisional)
            throw new IllegalTransitionException("The final advice follows the provisional advice: record that first (RULES.md §7).");
        if (advice.Final is not null) throw new IllegalTransitionException("The final advice was given already: a revision can raise it (RULES.md §7).");
        if (givenOn < provisional.GivenOn) throw new DomainRuleException("givenOn", "The final advice comes after the provisional advice.");
        if (AdviceLevels.Rank(level) < AdviceLevels.Rank(provisional.Level))
            throw new DomainRuleException("level", $"'{level}' is lower than the provisional advice '{provisional.Level}': {NeverLowered}.");
        var testHigher = advice.Doorstroomtoets is { } test && AdviceLevels.Rank(test.Level) > AdviceLevels.Rank(provisional.Level);
        var raised = AdviceLevels.Rank(level) > AdviceLevels.Rank(provisional.Level);
        if (testHigher && !raised && string.IsNullOrWhiteSpace(notRaisedReason))
            throw new DomainRuleException("notRaisedReason", "The doorstroomtoets came out higher than the provisional advice: the advice is raised unless that "
                + "is not in the child's interest, and then the school says why (RULES.md §7, WPO art. 43).");
        var year = SchoolAdviceCalendar.AdviceYearOf(provisional.GivenOn);
        advice.Final = new AdviceStep(level, givenOn, Late: givenOn > calendar.FinalBy(year), now, testHigher && !raised ? notRaisedReason : null);
        Given("final", advice.Final, now);
    }

    /// <summary>Herziening: after the final advice, only upwards (RULES.md §7: never lowered).</summary>
    public void ReviseAdvice(string level, DateOnly givenOn, DateTimeOffset now)
    {
        var advice = RequireAdvice(givenOn, now);
        if (advice.Final is null) throw new IllegalTransitionException("Only a final advice is revised: give the final advice first.");
        var current = advice.Current!;
        if (AdviceLevels.Rank(level) <= AdviceLevels.Rank(current.Level))
            throw new DomainRuleException("level", $"'{level}' is not higher than the advice '{current.Level}': a revision only raises it; {NeverLowered}.");
        if (givenOn < current.GivenOn) throw new DomainRuleException("givenOn", "A revision comes after the advice it raises.");
        var step = new AdviceStep(level, givenOn, Late: false, now);
        advice.Revisions.Add(step);
        Given("revision", step, now);
    }

    /// <summary>
    /// Writes (or rewrites) the onderwijskundig rapport. Rewriting stops once the parents got their copy: what they saw and
    /// answered must be what the receiving school reads.
    /// </summary>
    public void WriteRapport(OnderwijskundigRapport rapport, DateTimeOffset now)
    {
        RequireOpenForSchoolReports();
        if (Dossier.OnderwijskundigRapport is { CopyToParentsOn: not null })
            throw new IllegalTransitionException("The parents got their copy of the onderwijskundig rapport: it is no longer rewritten (RULES.md §7: the parents sign what the next school receives).");
        if (string.IsNullOrWhiteSpace(rapport.Opp) && LeavesSpecialEducation)
            throw new DomainRuleException("opp", "A pupil leaving special education (sbo, so, vso) takes the OPP in the onderwijskundig rapport (RULES.md §7, WEC art. 43).");
        rapport.WrittenAt = now;
        Dossier.OnderwijskundigRapport = rapport;
        _events.Add(new OnderwijskundigRapportWritten(Id, rapport.FilledSections(), now));
    }

    /// <summary>The school gave the parents their copy (RULES.md §7).</summary>
    public void GiveRapportCopyToParents(DateOnly givenOn, DateTimeOffset now)
    {
        RequireOpenForSchoolReports();
        var rapport = Dossier.OnderwijskundigRapport ?? throw new IllegalTransitionException("There is no onderwijskundig rapport yet to give the parents.");
        if (rapport.CopyToParentsOn is not null) throw new IllegalTransitionException("The parents' copy was recorded already.");
        NotInTheFuture(givenOn, now, "givenOn");
        if (givenOn < DutchTime.DateOf(rapport.WrittenAt)) throw new DomainRuleException("givenOn", "The copy cannot be given before the rapport was written.");
        rapport.CopyToParentsOn = givenOn;
        _events.Add(new OnderwijskundigRapportParentsStep(Id, "copy-given", givenOn, ViewAdded: false, now));
    }

    /// <summary>The parents signed the rapport "seen", with their view if they gave one; recorded by the school on their behalf.</summary>
    public void RecordParentsSeenRapport(DateOnly seenOn, string? view, DateTimeOffset now)
    {
        RequireOpenForSchoolReports();
        var rapport = Dossier.OnderwijskundigRapport ?? throw new IllegalTransitionException("There is no onderwijskundig rapport yet.");
        if (rapport.CopyToParentsOn is not { } copy) throw new IllegalTransitionException("The parents see the rapport in their copy: record the copy first (RULES.md §7).");
        if (rapport.ParentsSeenOn is not null) throw new IllegalTransitionException("The parents' \"seen\" was recorded already.");
        NotInTheFuture(seenOn, now, "seenOn");
        if (seenOn < copy) throw new DomainRuleException("seenOn", "The parents see the rapport after they got their copy.");
        (rapport.ParentsSeenOn, rapport.ParentsView) = (seenOn, view);
        _events.Add(new OnderwijskundigRapportParentsStep(Id, "seen", seenOn, ViewAdded: view is not null, now));
    }

    private bool LeavesSpecialEducation => SwitchMoment.StartsWith("sbo-", StringComparison.Ordinal)
        || SwitchMoment.StartsWith("so-", StringComparison.Ordinal) || SwitchMoment.StartsWith("vso-", StringComparison.Ordinal);

    private SchoolAdvice RequireAdvice(DateOnly day, DateTimeOffset now, string dayField = "givenOn")
    {
        RequireOpenForSchoolReports();
        if (SwitchMoment != PrimaryToSecondary)
            throw new DomainRuleException("switchMoment", "A school advice belongs to the switch from primary to secondary school (RULES.md §7); this handover is " + SwitchMoment + ".");
        NotInTheFuture(day, now, dayField);
        return Dossier.SchoolAdvice ??= new SchoolAdvice();
    }

    private void RequireOpenForSchoolReports()
    {
        if (Status == HandoverStatus.Completed) throw new IllegalTransitionException("The handover completed: its dossier is handed over and no longer changes.");
    }

    private static void NotInTheFuture(DateOnly day, DateTimeOffset now, string field)
    {
        if (day > DutchTime.DateOf(now)) throw new DomainRuleException(field, "Cannot be in the future.");
    }

    private void Given(string step, AdviceStep advice, DateTimeOffset now) =>
        _events.Add(new SchoolAdviceGiven(Id, step, advice.Level, advice.GivenOn, advice.Late, now));
}
