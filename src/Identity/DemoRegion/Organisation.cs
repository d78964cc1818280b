namespace Platform.Identity.DemoRegion;

/// <summary>
/// An organisation of the region and the client it integrates with. <see cref="Municipality"/>
/// is the CBS code of the municipality it is or lies in; <see cref="Swv"/> the samenwerkingsverband
/// it is or belongs to.
/// </summary>
public sealed record Organisation(
    string ClientId, string Name, string Type, IReadOnlyList<string> Roles,
    string? Municipality = null, string? Swv = null, string? SubRegion = null);
