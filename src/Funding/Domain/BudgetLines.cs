namespace Platform.Funding.Domain;

/// <summary>
/// The budget lines funders hold. "Education from education budgets, care from care budgets, the
/// joint part together": each part of an arrangement's cost is paid from its own line.
/// </summary>
public static class BudgetLines
{
    /// <summary>The SWV's education budget for (extra) support (Wet passend onderwijs).</summary>
    public const string EducationSupport = "education-support";
    /// <summary>The municipality's Jeugdwet youth-care budget.</summary>
    public const string YouthCare = "youth-care";
    /// <summary>Basic support (basisondersteuning) that SWVs and municipalities fund together.</summary>
    public const string BasicSupport = "basic-support";

    public static readonly string[] All = [EducationSupport, YouthCare, BasicSupport];

    /// <summary>An SWV spends no Jeugdwet money and a municipality holds no education budget.</summary>
    public static bool MayHold(string funderType, string line) => (funderType, line) switch
    {
        ("swv", EducationSupport or BasicSupport) => true,
        ("municipality", YouthCare or BasicSupport) => true,
        _ => false,
    };
}

/// <summary>The three parts of an arrangement's cost, each paid from its own budget line.</summary>
public static class CostParts
{
    public const string Education = "education";
    public const string Care = "care";
    public const string Joint = "joint";

    public static readonly string[] All = [Education, Care, Joint];

    public static string LineOf(string part) => part switch
    {
        Education => BudgetLines.EducationSupport,
        Care => BudgetLines.YouthCare,
        Joint => BudgetLines.BasicSupport,
        _ => throw new ArgumentOutOfRangeException(nameof(part), part, "Not a cost part."),
    };
}
