namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>The kinds of work a region's year holds, each one journey through the APIs (<see cref="Journeys"/>).</summary>
public enum JourneyKind
{
    /// <summary>A school refers a child; consent; the knooppunt and its outcome; a plan (sometimes asking for a place in an arrangement).</summary>
    Referral,
    /// <summary>A school reports absence (16 hours, or other); the leerplicht officer picks it up and closes it.</summary>
    AbsenceReport,
    /// <summary>Long-term sickness (the grey zone): the school reports it with a review date; the officer picks it up.</summary>
    LongTermSickness,
    /// <summary>Long-term relative absence makes a thuiszitter case; the officer reads it and records a suitable offer starting today.</summary>
    Thuiszitter,
    /// <summary>The municipality records a vrijstelling (5 sub a with a statement and the SWV's advice, 5 sub b or c with grounds).</summary>
    Exemption,
    /// <summary>A case with a TLV consent; the school requests a TLV, the SWV invites two experts, they advise, the SWV decides.</summary>
    Tlv,
    /// <summary>A child leaving primary school: a case with a handover consent; started, accepted, the meeting, completed.</summary>
    Handover,
}

/// <summary>One journey: what, at which school location.</summary>
public sealed record PlannedJourney(JourneyKind Kind, SchoolLocation School, bool AsksForArrangement = false);

/// <summary>
/// A school year of a region's activity, from its pupils. The rates per 1,000 pupils a year, and where each comes from, are in
/// bench/README.md ("A region's year"): the seeds give Zeeuws-Vlaanderen's figures for 2019-2020 (seeds/003: 6,257 PO and
/// 4,464 VO pupils, 22 vrijstellingen, 2 thuiszitters and about 30 long-term sick children in the grey zone, 236 VSO and 169 SBO pupils);
/// referrals and absence reports are not in the seeds and are our assumptions, named as such.
/// </summary>
public sealed class YearPlan
{
    /// <summary>Zeeuws-Vlaanderen's pupils in 2019-2020 (seeds/003): the base of the rates taken from the seeds.</summary>
    public const double SeedPupils = 6_257 + 4_464;

    /// <summary>Vrijstellingen (5a, 5b, 5c) per 1,000 pupils a year: 22 in 2019-2020 (seeds/003).</summary>
    public const double ExemptionsPerThousand = 22 / SeedPupils * 1000;

    /// <summary>Thuiszitter cases per 1,000 pupils a year: 2 thuiszitters (seeds/003).</summary>
    public const double ThuiszittersPerThousand = 2 / SeedPupils * 1000;

    /// <summary>
    /// Long-term sickness reports per 1,000 pupils a year: about 30 children in the grey zone, sick for a long time but no
    /// thuiszitter (seeds/003; RULES.md §2: sickness is not relative absence).
    /// </summary>
    public const double LongTermSicknessPerThousand = 30 / SeedPupils * 1000;

    /// <summary>TLV requests per 1,000 pupils a year: 236 VSO and 169 SBO pupils (seeds/003), each TLV lasting about three years.</summary>
    public const double TlvsPerThousand = (236 + 169) / 3.0 / SeedPupils * 1000;

    /// <summary>Referrals (aanmeldingen for the knooppunt) per 1,000 pupils a year: our assumption (3% of pupils discussed), not in the seeds.</summary>
    public const double ReferralsPerThousand = 30;

    /// <summary>Absence reports per 1,000 pupils a year: our assumption (2%), not in the seeds.</summary>
    public const double AbsenceReportsPerThousand = 20;

    /// <summary>Warm handovers PO → VO: group 8 is an eighth of regular primary pupils, one in five with a support need worth a handover (our assumption).</summary>
    public const double HandoverShareOfPrimary = 1 / 8.0 * 0.2;

    /// <summary>Of the referrals, the share whose plan asks for a place in a collective arrangement (our assumption).</summary>
    public const double ArrangementShare = 0.1;

    /// <summary>One collective arrangement (a doelgroeparrangement) per this many pupils of a school location's kind that has them (our assumption).</summary>
    public const int PupilsPerCollective = 2_000;

    public YearPlan(RegionDirectory directory, int regionPupils, int seed)
    {
        Directory = directory;
        Scale = (double)regionPupils / directory.Pupils;
        RegionPupils = regionPupils;
        var random = new Random(seed);
        // Handovers leave regular primary schools (where they are drawn): special primary's transitions are other moments.
        var primaryPupils = directory.Schools.Where(s => s.Kind == "po").Sum(s => s.Pupils) * Scale;

        int Count(double perThousand) => Math.Max(1, (int)Math.Round(regionPupils * perThousand / 1000));
        var journeys = new List<PlannedJourney>();
        void Add(JourneyKind kind, int count, Func<SchoolLocation, bool> where, Func<bool>? arrangement = null)
        {
            var eligible = directory.Schools.Where(where).ToList();
            if (eligible.Count == 0) return;
            for (var i = 0; i < count; i++) journeys.Add(new PlannedJourney(kind, Pick(eligible, random), arrangement?.Invoke() ?? false));
        }
        Add(JourneyKind.Referral, Count(ReferralsPerThousand), _ => true, () => random.NextDouble() < ArrangementShare);
        Add(JourneyKind.AbsenceReport, Count(AbsenceReportsPerThousand), _ => true);
        Add(JourneyKind.LongTermSickness, Count(LongTermSicknessPerThousand), _ => true);
        Add(JourneyKind.Thuiszitter, Count(ThuiszittersPerThousand), _ => true);
        Add(JourneyKind.Exemption, Count(ExemptionsPerThousand), _ => true);
        // A TLV for SBO from regular primary, for VSO from regular secondary (RULES.md §4).
        Add(JourneyKind.Tlv, Count(TlvsPerThousand), s => s.Kind is "po" or "vo");
        Add(JourneyKind.Handover, Math.Max(1, (int)Math.Round(primaryPupils * HandoverShareOfPrimary)), s => s.Kind == "po");
        // The year's work arrives mixed, not flow by flow.
        Journeys = [.. journeys.OrderBy(_ => random.Next())];

        Collectives = [.. directory.Schools.Where(s => s.Kind is "po" or "vo" && s.Swv is not null)
            .SelectMany(s => Enumerable.Repeat(s, Math.Max(1, (int)Math.Round(s.Pupils * Scale / PupilsPerCollective))))];
    }

    public RegionDirectory Directory { get; }

    /// <summary>The region's pupils over the Directory's: the demo Directory holds a few schools, a region many.</summary>
    public double Scale { get; }

    public int RegionPupils { get; }
    public IReadOnlyList<PlannedJourney> Journeys { get; }

    /// <summary>The collective arrangements the funders set up first (one per <see cref="PupilsPerCollective"/> pupils of a location), which placements fill.</summary>
    public IReadOnlyList<SchoolLocation> Collectives { get; }

    public string Describe() => string.Join(", ", Journeys.GroupBy(j => j.Kind).OrderBy(g => g.Key)
        .Select(g => $"{g.Key} {g.Count():N0}")) + $", collective arrangements {Collectives.Count}";

    /// <summary>A location chosen in proportion to its pupils.</summary>
    private static SchoolLocation Pick(List<SchoolLocation> schools, Random random)
    {
        var at = random.NextDouble() * schools.Sum(s => s.Pupils);
        foreach (var school in schools)
            if ((at -= school.Pupils) < 0) return school;
        return schools[^1];
    }
}
