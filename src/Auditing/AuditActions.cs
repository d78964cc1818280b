namespace Platform.Auditing;

/// <summary>What was done with a child's data (NEN 7513's event type).</summary>
public static class AuditActions
{
    public const string Read = "read";
    public const string Search = "search";
    public const string Export = "export";
    public const string Create = "create";
    public const string Update = "update";
    public const string Delete = "delete";
    /// <summary>Deleted by the retention rules.</summary>
    public const string Erase = "erase";
    /// <summary>The privacy officer's report of who looked at a child's data (AVG art. 15).</summary>
    public const string Inspect = "inspect";
    /// <summary>A keyed request's answer given again to a retry with the same Idempotency-Key (Intake checks the caller's access anew first).</summary>
    public const string Replay = "replay";
}

/// <summary>How a request ended, for the record.</summary>
public static class AuditOutcomes
{
    public const string Success = "success";
    /// <summary>Not allowed: 401, 403, or a 404 for a record the caller may not see.</summary>
    public const string Denied = "denied";
    /// <summary>Refused as bad input or an illegal move: 400, 409, 413, 415, 422.</summary>
    public const string Refused = "refused";
    public const string Failed = "failed";

    public static string Of(int status) => status switch
    {
        < 400 => Success,
        401 or 403 or 404 => Denied,
        >= 500 => Failed,
        _ => Refused,
    };
}

/// <summary>Why the platform shares without consent: the law gives the task (Leerplichtwet), or the rules demand it.</summary>
public static class LegalPurposes
{
    /// <summary>Leerplicht: schools report absence to the municipality the child lives in (Leerplichtwet art. 21, 21a).</summary>
    public const string Leerplicht = "leerplicht";
    /// <summary>Erasure after the retention period.</summary>
    public const string Retention = "retention";
    /// <summary>The privacy officer answering an inspection request (AVG art. 15) or checking the log.</summary>
    public const string Privacy = "privacy";

    /// <summary>
    /// Passend onderwijs: the school board's zorgplicht and the OPP (WPO art. 40, 40a; WVO 2020; RULES.md §4), followed by the
    /// school's SWV and, for the place question, the leerplicht officer of the child's municipality.
    /// </summary>
    public const string PassendOnderwijs = "passend-onderwijs";

    public static readonly IReadOnlyList<string> All = [Leerplicht, Retention, Privacy, PassendOnderwijs];
}
