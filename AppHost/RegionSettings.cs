using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// The region a local platform serves. Without a <c>Region</c> section it is the demo region (Zuid-Limburg, seeded in
/// Development). With one, the platform starts empty for that region, and everything else about the region is data the
/// region's office enters through the Directory's and Identity's APIs (docs/regions.md):
/// <code>
/// Region:Id, Region:Name                 the directory's region (an empty directory gets it at first start)
/// Region:HolidayRegion                   noord, midden or zuid: the school holidays leerplicht counts around
/// Region:RmcContactMunicipality          the CBS code of the municipality that takes RMC reports (18 to 23)
/// Region:EscalationTableId               the organisation (type escalation-table) a thuiszitter case escalates to
/// Region:Office:ClientId                 the office's own first client (keys only; the rest of the clients it onboards)
/// Region:Office:OrganisationId, :OrganisationName, :JwksFile, :Roles:0, :1, ...
/// </code>
/// The same settings are the services' own (Directory:*, Attendance:*, Funding:*, Identity:OfficeClients:*), which a
/// deployment sets in its overlay; this only forwards them, so a local second region needs no code of its own.
/// </summary>
internal static class RegionSettings
{
    public static void Apply(IConfiguration config, IResourceBuilder<ProjectResource> identity, IResourceBuilder<ProjectResource> directory,
        IResourceBuilder<ProjectResource> attendance, IResourceBuilder<ProjectResource> funding)
    {
        var region = config.GetSection("Region");
        if (region["Id"] is not { Length: > 0 } id) return;
        directory.WithEnvironment("Directory__Region", id)
            .WithEnvironment("Directory__RegionName", region["Name"] ?? id)
            .WithEnvironment("Directory__SeedDemoRegion", "false");
        // No demo organisations' clients and no demo people: the region's own are onboarded as data.
        identity.WithEnvironment("DemoRegion__Seed", "false");
        Forward(attendance, region, "HolidayRegion", "Attendance__HolidayRegion");
        Forward(attendance, region, "RmcContactMunicipality", "Attendance__RmcContactMunicipality");
        Forward(funding, region, "EscalationTableId", "Funding__EscalationTableId");

        var office = region.GetSection("Office");
        if (office["ClientId"] is not { Length: > 0 } client) return;
        var prefix = $"Identity__OfficeClients__{client}__";
        Forward(identity, office, "OrganisationId", prefix + "OrganisationId");
        Forward(identity, office, "OrganisationName", prefix + "OrganisationName");
        Forward(identity, office, "JwksFile", prefix + "JwksFile");
        var roles = office.GetSection("Roles").GetChildren().Select(r => r.Value).ToList();
        for (var i = 0; i < roles.Count; i++) identity.WithEnvironment(prefix + "Roles__" + i.ToString(CultureInfo.InvariantCulture), roles[i]);
    }

    private static void Forward(IResourceBuilder<ProjectResource> service, IConfigurationSection section, string key, string variable)
    {
        if (section[key] is { Length: > 0 } value) service.WithEnvironment(variable, value);
    }
}
