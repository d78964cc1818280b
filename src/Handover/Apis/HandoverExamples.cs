namespace Platform.Handover.Apis;

/// <summary>Working request bodies for the OpenAPI document (the demo region's; posted by the end-to-end suite).</summary>
internal static class HandoverExamples
{
    public static readonly IReadOnlyDictionary<string, object> Requests = new Dictionary<string, object>
    {
        ["StartHandover"] = new
        {
            child = new { bsn = "273645195", givenName = "Noor", familyName = "Claessens", dateOfBirth = "2014-04-04" },
            switchMoment = "primary-to-secondary",
            receivingOrganisationId = "school-vo-college-parkstad",
            dueOn = "2027-06-30",
            dossier = new { educationalNeeds = "Small steps", supportNeeds = "A fixed mentor", whatWorks = "Day plan on paper" },
        },
    };
}
