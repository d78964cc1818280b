using System.Text.RegularExpressions;
using Platform.Intake.Domain;
using Platform.Privacy;
using Platform.ServiceDefaults;

namespace Platform.Intake.Apis;

/// <summary>A request that passed every check, turned into domain values.</summary>
internal sealed record ValidReferral(Child Child, ChildIdentifier Identifier, IReadOnlyList<SupportNeed> Needs, string TriedSoFar, Urgency Urgency, string? ParentsView, string? ChildsView);

internal static partial class ReferralValidator
{
    private const int TextLimit = 4000;

    /// <summary>
    /// The platform serves children and young people up to 23 (RMC and extended youth care end
    /// there), so a referral for someone older is a typing error, as is a birth date in the future.
    /// </summary>
    private const int MaximumAgeYears = 23;

    public static (ValidReferral? Valid, Validation Result) Validate(SubmitReferralRequest request, DateOnly today, ChildReferences references)
    {
        var v = new Validation();
        ChildIdentifier identifier = default;
        string? givenName = null, familyName = null, municipality = null;
        DateOnly dateOfBirth = default;

        if (request.Child is not { } child)
        {
            v.Add("child", "Required.");
        }
        else
        {
            // Exactly one of bsn, onderwijsnummer (DUO's number for a pupil without BSN, RULES.md §6) or platformChildId (ADR-0015).
            if (ChildIdentifier.Read(child.Bsn, child.Onderwijsnummer, child.PlatformChildId, references, (f, m) => v.Add(f, m)) is { } read) identifier = read;
            givenName = v.Required("child.givenName", child.GivenName, 200);
            familyName = v.Required("child.familyName", child.FamilyName, 200);
            if (child.DateOfBirth is not { } dob) v.Add("child.dateOfBirth", "Required.");
            else if (dob > today) v.Add("child.dateOfBirth", "Lies in the future.");
            else if (dob < today.AddYears(-MaximumAgeYears - 1)) v.Add("child.dateOfBirth", $"The platform serves young people up to {MaximumAgeYears}.");
            else dateOfBirth = dob;
            if (string.IsNullOrWhiteSpace(child.HomeMunicipality)) v.Add("child.homeMunicipality", "Required.");
            else if (!MunicipalityCode().IsMatch(child.HomeMunicipality)) v.Add("child.homeMunicipality", "A CBS municipality code such as GM0935.");
            else municipality = child.HomeMunicipality;
        }

        var needs = new List<SupportNeed>();
        if (request.SupportNeeds is not { Count: > 0 } requested)
        {
            v.Add("supportNeeds", "Describe at least one support need.");
        }
        else
        {
            for (var i = 0; i < requested.Count; i++)
            {
                var field = $"supportNeeds[{i}]";
                var need = requested[i];
                SupportDomain? domain = null;
                if (need?.Domain is null || !SupportDomains.ByName.TryGetValue(need.Domain, out var d))
                    v.Add($"{field}.domain", $"One of: {string.Join(", ", SupportDomains.ByName.Keys)}.");
                else if (needs.Any(n => n.Domain == d))
                    v.Add($"{field}.domain", "Each domain once; describe all needs of a domain together.");
                else domain = d;
                var description = v.Required($"{field}.description", need?.Description, TextLimit);
                if (domain is { } ok && description is not null) needs.Add(new SupportNeed(ok, description));
            }
        }

        var tried = v.Required("triedSoFar", request.TriedSoFar, TextLimit);
        Urgency urgency = default;
        if (request.Urgency is null || !Urgencies.ByName.TryGetValue(request.Urgency, out urgency))
            v.Add("urgency", $"One of: {string.Join(", ", Urgencies.ByName.Keys)}.");
        var parentsView = v.Optional("parentsView", request.ParentsView, TextLimit);
        var childsView = v.Optional("childsView", request.ChildsView, TextLimit);

        if (!v.IsValid) return (null, v);
        return (new ValidReferral(
            new Child(identifier, givenName!, familyName!, dateOfBirth, municipality!), identifier, needs, tried!, urgency, parentsView, childsView), v);
    }

    [GeneratedRegex("^GM[0-9]{4}$")]
    private static partial Regex MunicipalityCode();
}
