using Platform.ChildLinks;
using Platform.Handover.Infrastructure;
using Platform.Handover.Domain;

namespace Platform.Handover.Apis;

public static class HandoverApi
{
    public const string Prefix = "/api/handover";
    public const string Audience = "handover-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.HandoverDb, Audience, Prefix)
    {
        Title = "Handover API",
        Description = "Transition handovers of a child between schools and from childcare to school (PO, VO, SO/VSO): the dossier, the warm meeting and the receiving school's acceptance, under the parents' consent.",
        Tags = new Dictionary<string, string>
        {
            ["Handovers"] = "Warm handovers of a child to its next school or from childcare to school: the dossier, the receiver's acceptance, the meeting and continuity of care.",
            [Platform.ChildLinks.ChildLinksApi.Tag] = Platform.ChildLinks.ChildLinksApi.TagDescription,
        },
        RequestExamples = HandoverExamples.Requests,
    };

    /// <summary>Every endpoint of the service, in the order its OpenAPI document lists them.</summary>
    public static WebApplication MapHandoverApis(this WebApplication app)
    {
        app.MapHandoversApi();
        app.MapChildLinksApi<HandoverDbContext>(HandoverApi.Prefix, Platform.Contracts.ConsentPurposes.Handover);
        return app;
    }
}

/// <summary>
/// The child handed over: exactly one of <c>bsn</c>, <c>onderwijsnummer</c> (DUO's number for a pupil without BSN) or
/// <c>platformChildId</c> (issued by <c>POST /api/handover/children</c>), ADR-0015.
/// </summary>
public sealed record ChildRequest(string? Bsn, string? GivenName, string? FamilyName, DateOnly? DateOfBirth,
    string? Onderwijsnummer = null, string? PlatformChildId = null);

public sealed record AttachmentRequest(string? Name, string? MediaType, long? SizeBytes, string? Reference);

public sealed record DossierRequest(
    string? EducationalNeeds, string? SupportNeeds, string? WhatWorks, string? CurrentCare,
    string? ParentsView, string? ChildsView, IReadOnlyList<AttachmentRequest>? Attachments);

public sealed record YouthCareRequest(string? Description);

/// <summary>Body of <c>POST /handovers</c>.</summary>
public sealed record StartHandoverRequest(
    ChildRequest? Child, string? SwitchMoment, string? ReceivingOrganisationId, DateOnly? DueOn,
    DossierRequest? Dossier, IReadOnlyList<YouthCareRequest>? YouthCare, Guid? EndsTlvId = null);

public sealed record DeclineRequest(string? Reason);

public sealed record SendToRequest(string? ReceivingOrganisationId, DateOnly? DueOn);

public sealed record MeetingRequest(DateOnly? HeldOn, IReadOnlyList<string>? Participants, bool? ParentsPresent, bool? YouthCarePresent);

/// <summary>Continues: true, or false with the successor that takes over.</summary>
public sealed record CareConfirmationRequest(bool? Continues, string? Successor);

/// <param name="Dossier">Null unless you may see it: the sender always; the receiver once it accepted and while a consent covers it.</param>
/// <param name="Child">Null for those who may not see the dossier; the BSN is left out for the SWV.</param>
/// <param name="Care">To the receiver and the receiving SWV: every care item only after acceptance and while a consent for the handover names them, else empty. To the sender: the youth care it named, and the child's arrangements known from Funding only while a consent for the handover names it.</param>
public sealed record HandoverResponse(
    Guid Id, string SwitchMoment, bool Terugplaatsing, string Status, string SendingOrganisationId, string ReceivingOrganisationId,
    DateOnly DueOn, bool Overdue, ChildView? Child, Dossier? Dossier, IReadOnlyList<CareItem> Care, WarmMeeting? Meeting,
    IReadOnlyList<Decline> Declines, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, Guid? EndsTlvId)
{
    public static HandoverResponse From(HandoverProcess h, bool dossier, bool bsn, IReadOnlyList<CareItem> care) => new(
        h.Id, h.SwitchMoment, h.Terugplaatsing, h.Status.ToString().ToLowerInvariant(), h.SendingOrganisationId, h.ReceivingOrganisationId,
        h.DueOn, h.OverdueRaisedAt is not null,
        dossier ? new ChildView(bsn ? h.Child.Bsn : null, h.Child.GivenName, h.Child.FamilyName, h.Child.DateOfBirth,
            bsn ? h.Child.Onderwijsnummer : null, bsn ? h.Child.PlatformChildId : null) : null,
        dossier ? h.Dossier : null, care, h.Meeting, h.Declines, h.StartedAt, h.CompletedAt, h.EndsTlvId);
}

/// <param name="Onderwijsnummer">For a child without BSN registered by it (ADR-0015); left out for the SWV as the BSN is.</param>
/// <param name="PlatformChildId">For a child with neither (ADR-0015); left out for the SWV as the BSN is.</param>
public sealed record ChildView(string? Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth,
    string? Onderwijsnummer = null, string? PlatformChildId = null);

/// <summary>Body of the school-advice moves (PO→VO, RULES.md §7).</summary>
/// <param name="Level">On the scale, lowest first: pro, vmbo-b, vmbo-b/k, vmbo-k, vmbo-k/gt, vmbo-gt, vmbo-gt/havo, havo, havo/vwo, vwo.
/// A combined advice sits between its two levels.</param>
/// <param name="GivenOn">The day the school gave the advice (provisional, final, revision).</param>
/// <param name="TakenOn">The day the doorstroomtoets was taken (doorstroomtoets only).</param>
/// <param name="NotRaisedReason">Final advice only: why it is not raised although the doorstroomtoets came out higher (required then).</param>
public sealed record SchoolAdviceRequest(string? Level, DateOnly? GivenOn = null, DateOnly? TakenOn = null, string? NotRaisedReason = null);

/// <summary>
/// Body of <c>PUT …/onderwijskundig-rapport</c>: the sections of the closed list (RULES.md §7), administrative data first.
/// Any other property is refused with a 422 naming it. <c>opp</c> is required when the pupil leaves special education.
/// </summary>
public sealed record RapportRequest(
    string? AdministrativeData, string? Results = null, string? SupportGiven = null, string? SocialEmotionalDevelopment = null,
    string? WorkAttitude = null, string? SchoolAdvice = null, string? TestResult = null, string? Opp = null)
{
    /// <summary>Whatever else the body holds: each is a section outside the closed list.</summary>
    [System.Text.Json.Serialization.JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? OtherSections { get; init; }
}

/// <summary>The day the sending school gave the parents their copy of the onderwijskundig rapport.</summary>
public sealed record ParentsCopyRequest(DateOnly? GivenOn);

/// <summary>Recorded by the sending school on the parents' behalf: the day they signed "seen" and their view, if they gave one.</summary>
public sealed record ParentsSeenRequest(DateOnly? SeenOn, string? View = null);
