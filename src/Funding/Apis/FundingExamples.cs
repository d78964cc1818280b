namespace Platform.Funding.Apis;

/// <summary>Working request bodies for the OpenAPI document (the demo region's; posted by the end-to-end suite).</summary>
internal static class FundingExamples
{
    public static readonly IReadOnlyDictionary<string, object> Requests = new Dictionary<string, object>
    {
        ["SetBudget"] = new { amountCents = 50_000_000L },
        ["DraftArrangement"] = new
        {
            kind = "collective",
            title = "Groep Anders Leren De Linde",
            locationId = "27DL00",
            targetGroup = "Children with intensive social-emotional support needs, groups 5-8",
            supportDomains = new[] { "social-emotional", "learning" },
            servesMunicipalities = new[] { "GM0935" },
            places = 12,
            startsOn = "2026-12-01",
            endsOn = "2027-07-31",
            costs = new { educationCents = 6_000_000L, careCents = 3_000_000L, jointCents = 1_000_000L },
            shares = new object[]
            {
                new { part = "education", funderId = "swv-po-maastricht-heuvelland", amountCents = 6_000_000L },
                new { part = "care", funderId = "gemeente-maastricht", amountCents = 3_000_000L },
                new { part = "joint", funderId = "swv-po-maastricht-heuvelland", amountCents = 500_000L },
                new { part = "joint", funderId = "gemeente-maastricht", amountCents = 500_000L },
            },
        },
    };
}
