namespace Platform.Intake.Apis;

/// <summary>Working request bodies for the OpenAPI document (the demo region's; posted by the end-to-end suite).</summary>
internal static class IntakeExamples
{
    public static readonly IReadOnlyDictionary<string, object> Requests = new Dictionary<string, object>
    {
        ["SubmitReferral"] = new
        {
            child = new { bsn = "111222333", givenName = "Sanne", familyName = "Jansen", dateOfBirth = "2015-04-01", homeMunicipality = "GM0935" },
            supportNeeds = new[] { new { domain = "learning", description = "Reads two years below her age group." } },
            triedSoFar = "Extra reading support in class since September.",
            urgency = "soon",
            parentsView = "Worried about the move to secondary school.",
            childsView = "Reading makes me tired.",
        },
        ["RecordConsent"] = new
        {
            givenBy = new[] { "parents", "child" },
            parentalAuthority = new { holders = new[] { "mother", "father" }, verifiedBy = "gezagsregister", verifiedOn = "2026-12-01" },
            organisations = new[] { "school-bs-de-linde", "gemeente-maastricht" },
            purpose = "Reading support that fits",
            purposes = new[] { "support" },
            givenOn = "2026-12-01",
            coordinator = new { organisationId = "gemeente-maastricht", name = "M. Janssen (wijkteam)" },
        },
    };
}
