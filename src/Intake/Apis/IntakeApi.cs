using Platform.ChildLinks;
using Platform.Intake.Infrastructure;

namespace Platform.Intake.Apis;

public static class IntakeApi
{
    /// <summary>Public path prefix, identical behind the gateway and on the service itself.</summary>
    public const string Prefix = "/api/intake";

    /// <summary>The audience (resource) a token must name to be accepted here.</summary>
    public const string Audience = "intake-api";

    /// <summary>This service to the shared host: its database, audience and prefix, and what its OpenAPI document says of it.</summary>
    public static readonly ApiService Service = new(ResourceNames.IntakeDb, Audience, Prefix)
    {
        Title = "Intake API",
        Description = "Referrals of a child with a support need, by schools, childcare, youth health care and municipalities: one case per child, its coordinator, knooppunt (case meeting), plan and the parents' consent.",
        Tags = new Dictionary<string, string>
        {
            ["Referrals"] = "A child referred for support by a school, childcare, youth health care or a municipality; each referral starts or joins the child's one case.",
            ["Cases"] = "One case per child: its consent, coordinator, knooppunten (case meetings) and plan, for the organisations involved in it.",
            [Platform.ChildLinks.ChildLinksApi.Tag] = Platform.ChildLinks.ChildLinksApi.TagDescription,
        },
        RequestExamples = IntakeExamples.Requests,
    };

    /// <summary>Every endpoint of the service, in the order its OpenAPI document lists them.</summary>
    public static WebApplication MapIntakeApis(this WebApplication app)
    {
        app.MapReferralsApi();
        app.MapCasesApi();
        app.MapChildLinksApi<IntakeDbContext>(IntakeApi.Prefix, Platform.Contracts.ConsentPurposes.Support);
        return app;
    }
}
