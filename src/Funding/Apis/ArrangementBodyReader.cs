using Platform.Contracts;
using Platform.Funding.Domain;

namespace Platform.Funding.Apis;

/// <summary>Checks an arrangement's body for shape (400 naming each field); the rules about money and funders are the domain's (422).</summary>
internal static class ArrangementBodyReader
{
    /// <summary>€100 billion: far above any budget, far below where sums of cents could overflow.</summary>
    public const long MaxCents = 10_000_000_000_000;

    public static ArrangementDetails? Read(ArrangementBody body, Validation v)
    {
        var kind = body.Kind ?? ArrangementKinds.Collective;
        if (kind is not (ArrangementKinds.Collective or ArrangementKinds.Individual)) v.Add("kind", "collective or individual.");
        var title = v.Required("title", body.Title, 200);
        var location = v.Required("locationId", body.LocationId, 100);
        var target = v.Required("targetGroup", body.TargetGroup, 1000);
        var domains = body.SupportDomains ?? [];
        if (domains.Count == 0) v.Add("supportDomains", "At least one domain.");
        for (var i = 0; i < domains.Count; i++)
            if (!SupportDomainNames.All.Contains(domains[i])) v.Add($"supportDomains[{i}]", $"One of: {string.Join(", ", SupportDomainNames.All)}.");
        var serves = body.ServesMunicipalities ?? [];
        for (var i = 0; i < serves.Count; i++)
            if (serves[i] is not { Length: 6 } code || !code.StartsWith("GM", StringComparison.Ordinal) || !code[2..].All(char.IsAsciiDigit))
                v.Add($"servesMunicipalities[{i}]", "A CBS municipality code such as GM0935.");
        if (body.Places is not { } places || places < 1) v.Add("places", "Required, at least 1.");
        if (body.StartsOn is null) v.Add("startsOn", "Required.");
        if (body.EndsOn is null) v.Add("endsOn", "Required.");
        else if (body.StartsOn is { } s && body.EndsOn < s) v.Add("endsOn", "The period cannot end before it starts.");
        var preFinancer = v.Optional("preFinancerId", body.PreFinancerId, 100);
        CostSplit? costs = null;
        if (body.Costs is not { } c) v.Add("costs", "Required: educationCents, careCents and jointCents.");
        else
        {
            foreach (var (field, value) in new[] { ("costs.educationCents", c.EducationCents), ("costs.careCents", c.CareCents), ("costs.jointCents", c.JointCents) })
                if (value is null) v.Add(field, "Required: whole euro cents (0 when the part has no cost).");
                else if (value < 0) v.Add(field, "Cannot be negative.");
                else if (value > MaxCents) v.Add(field, $"At most {MaxCents} cents.");
            if (c is { EducationCents: >= 0 and <= MaxCents, CareCents: >= 0 and <= MaxCents, JointCents: >= 0 and <= MaxCents })
            {
                costs = new CostSplit(c.EducationCents.Value, c.CareCents.Value, c.JointCents.Value);
                if (costs.TotalCents == 0) v.Add("costs", "An arrangement costs something.");
            }
        }
        var shares = ReadShares(body.Shares ?? [], "shares", v);
        if (!v.IsValid) return null;
        return new ArrangementDetails(kind, title!, location!, target!, [.. domains.Distinct()], [.. serves.Distinct()], body.Places!.Value,
            body.StartsOn!.Value, body.EndsOn!.Value, body.Urgent ?? false, body.Portable, preFinancer, costs!, shares);
    }

    public static List<ShareProposal> ReadShares(IReadOnlyList<ShareRequest?> requests, string field, Validation v)
    {
        var shares = new List<ShareProposal>();
        for (var i = 0; i < requests.Count; i++)
        {
            var r = requests[i];
            if (r?.Part is not { } part || !CostParts.All.Contains(part)) v.Add($"{field}[{i}].part", $"One of: {string.Join(", ", CostParts.All)}.");
            var funder = v.Required($"{field}[{i}].funderId", r?.FunderId, 100);
            if (r?.AmountCents is not { } amount) v.Add($"{field}[{i}].amountCents", "Required: whole euro cents.");
            else if (amount <= 0) v.Add($"{field}[{i}].amountCents", "Must be positive.");
            else if (amount > MaxCents) v.Add($"{field}[{i}].amountCents", $"At most {MaxCents} cents.");
            if (v.IsValid) shares.Add(new ShareProposal(r!.Part!, funder!, r.AmountCents!.Value));
        }
        return shares;
    }
}
