namespace Platform.Intake.Domain;

/// <summary>How soon help is needed, as the referrer judges it.</summary>
public enum Urgency
{
    Regular,
    Soon,
    Urgent,
}

public static class Urgencies
{
    public static readonly IReadOnlyDictionary<string, Urgency> ByName = new Dictionary<string, Urgency>
    {
        ["regular"] = Urgency.Regular,
        ["soon"] = Urgency.Soon,
        ["urgent"] = Urgency.Urgent,
    };

    public static string Name(this Urgency urgency) => ByName.First(p => p.Value == urgency).Key;
}
