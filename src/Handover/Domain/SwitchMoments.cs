namespace Platform.Handover.Domain;

/// <summary>
/// Schakelmomenten: the switches a child makes between schools and sectors. Special to regular is a
/// terugplaatsing, counted separately in monitoring (seed 000: "including back from special to regular").
/// </summary>
public static class SwitchMoments
{
    /// <summary>Name → whether it is a terugplaatsing.</summary>
    public static readonly IReadOnlyDictionary<string, bool> All = new Dictionary<string, bool>
    {
        ["childcare-to-primary"] = false,
        ["primary-to-secondary"] = false,
        ["secondary-to-mbo"] = false,
        ["sbo-to-primary"] = true,
        ["so-to-primary"] = true,
        ["vso-to-vo"] = true,
        ["primary-to-sbo"] = false,
        ["primary-to-so"] = false,
        ["vo-to-vso"] = false,
        ["vso-to-mbo-entree"] = false,
        ["pro-to-mbo-entree"] = false,
        ["vso-to-work"] = false,
        ["pro-to-work"] = false,
    };
}
