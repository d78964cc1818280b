namespace Platform.Intake.Domain.Consents;

/// <summary>Who gave consent: the parents with parental authority (gezag), the child, or both.</summary>
public enum ConsentParty
{
    Parents,
    Child,
}

public static class ConsentParties
{
    public static readonly IReadOnlyDictionary<string, ConsentParty> ByName = new Dictionary<string, ConsentParty>
    {
        ["parents"] = ConsentParty.Parents,
        ["child"] = ConsentParty.Child,
    };

    public static string Name(this ConsentParty party) => ByName.First(p => p.Value == party).Key;
}
