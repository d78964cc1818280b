namespace Platform.Attendance.Apis;

/// <summary>Working request bodies for the OpenAPI document (the demo region's; posted by the end-to-end suite).</summary>
internal static class AttendanceExamples
{
    public static readonly IReadOnlyDictionary<string, object> Requests = new Dictionary<string, object>
    {
        ["SubmitAbsenceReport"] = new
        {
            child = new { bsn = "123456782", givenName = "Mats", familyName = "Vliegen", dateOfBirth = "2014-02-02", homeMunicipality = "GM0935" },
            kind = "unauthorised",
            firstAbsentOn = "2026-11-16",
            lastAbsentOn = "2026-12-04",
            hours = 18,
        },
    };
}
