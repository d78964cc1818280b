namespace Platform.Contracts.Handover;

/// <summary>
/// Schooladvies: the sending primary school gave a PO→VO advice (provisional, final or a revision that raised it).
/// The level is a code of the closed scale; never a reason or other text.
/// </summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="Step"><c>provisional</c>, <c>final</c> or <c>revision</c>.</param>
/// <param name="Level">The advice level (pro, vmbo-b, vmbo-b/k, vmbo-k, vmbo-k/gt, vmbo-gt, vmbo-gt/havo, havo, havo/vwo, vwo).</param>
/// <param name="GivenOn">The day the school gave it.</param>
/// <param name="Late">Given after the legal date (provisional after 31 January, final after 24 March): accepted and flagged.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record SchoolAdviceGiven(Guid HandoverId, string Step, string Level, DateOnly GivenOn, bool Late, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>Doorstroomtoets: the sending primary school recorded the pupil's test result (the level it points to).</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="Level">The level on the advice scale the result points to.</param>
/// <param name="TakenOn">The day the test was taken.</param>
/// <param name="HigherThanAdvice">Whether it is higher than the provisional advice: the school must then raise the advice or say why not.</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record DoorstroomtoetsResultRecorded(Guid HandoverId, string Level, DateOnly TakenOn, bool HigherThanAdvice, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>
/// Onderwijskundig rapport: the sending school wrote (or rewrote) the report. Only which sections of the closed list hold
/// content, never the content.
/// </summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="Sections">The names of the sections with content.</param>
/// <param name="OccurredAt">When.</param>
public sealed record OnderwijskundigRapportWritten(Guid HandoverId, IReadOnlyList<string> Sections, DateTimeOffset OccurredAt) : IIntegrationEvent;

/// <summary>The parents got their copy of the onderwijskundig rapport, or signed it "seen" (recorded by the school on their behalf).</summary>
/// <param name="HandoverId">Handover's id.</param>
/// <param name="Step"><c>copy-given</c> or <c>seen</c>.</param>
/// <param name="On">The day.</param>
/// <param name="ViewAdded">On <c>seen</c>: whether the parents added a view of their own (never the view itself).</param>
/// <param name="OccurredAt">When it was recorded.</param>
public sealed record OnderwijskundigRapportParentsStep(Guid HandoverId, string Step, DateOnly On, bool ViewAdded, DateTimeOffset OccurredAt) : IIntegrationEvent;
