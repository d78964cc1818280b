using Microsoft.Kiota.Abstractions;
using Village.Samples.IntegratorClient;
using FundingModels = Village.Samples.IntegratorClient.Funding.Models;
using IntakeModels = Village.Samples.IntegratorClient.Intake.Models;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The contract is usable as integrators use it: the client Kiota generates from the committed
/// documents (samples/IntegratorClient) refers a child, records the parents' consent and approves a
/// co-funded arrangement through the gateway, with tokens from client credentials, no hand-written HTTP.
/// </summary>
public sealed class GeneratedClientTests(PlatformFixture platform)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_integrator_refers_consents_and_approves_an_arrangement_with_the_generated_client()
    {
        var school = Clients(Demo.School);
        var swv = Clients(Demo.Swv);
        var maastricht = Clients(Demo.Municipality);

        var bsn = Demo.NewBsn();
        var referral = await school.Intake.Api.Intake.Referrals.PostAsync(new IntakeModels.SubmitReferralRequest
        {
            Child = new IntakeModels.ChildRequest
            {
                Bsn = bsn, GivenName = "Lotte", FamilyName = "Vos", DateOfBirth = new Date(2016, 2, 3), HomeMunicipality = "GM0935",
            },
            SupportNeeds = [new IntakeModels.SupportNeedRequest { Domain = "learning", Description = "Falls behind in reading." }],
            TriedSoFar = "Extra reading time.",
            Urgency = "regular",
        }, cancellationToken: Ct);
        Assert.NotNull(referral?.Id);
        // The POST's answer does not tell whether the child is known (#25): the case id is read back from the referral.
        var readBack = await school.Intake.Api.Intake.Referrals[referral.Id.Value].GetAsync(cancellationToken: Ct);
        Assert.NotNull(readBack?.CaseId);

        var today = new Date(Demo.Today.Year, Demo.Today.Month, Demo.Today.Day);
        var consent = await school.Intake.Api.Intake.Cases[readBack.CaseId.Value].Consents.PostAsync(new IntakeModels.RecordConsentRequest
        {
            GivenBy = ["parents"],
            ParentalAuthorityCheckedIn = "gezagsregister",
            Organisations = [Demo.School, Demo.Municipality],
            Purpose = "Reading support that fits",
            Purposes = ["support"],
            GivenOn = today,
            Coordinator = new IntakeModels.CoordinatorRequest { OrganisationId = Demo.Municipality, Name = "M. Janssen (wijkteam)" },
        }, cancellationToken: Ct);
        Assert.NotNull(consent?.Id);

        foreach (var (clients, line) in new[] { (swv, "education-support"), (swv, "basic-support"), (maastricht, "youth-care"), (maastricht, "basic-support") })
            await clients.Funding.Api.Funding.Budgets[Demo.Today.Year][line].PutAsync(new FundingModels.SetBudgetRequest { AmountCents = 50_000_000_000L }, cancellationToken: Ct);
        var draft = await swv.Funding.Api.Funding.Arrangements.PostAsync(new FundingModels.ArrangementBody
        {
            Kind = "collective",
            Title = "Leesgroep De Linde",
            LocationId = "27DL00",
            TargetGroup = "Children who fall behind in reading, groups 3-5",
            SupportDomains = ["learning"],
            ServesMunicipalities = ["GM0935"],
            Places = 6,
            StartsOn = today,
            EndsOn = new Date(Demo.Today.AddMonths(6).Year, Demo.Today.AddMonths(6).Month, Demo.Today.AddMonths(6).Day),
            Costs = new FundingModels.CostsRequest { EducationCents = 2_000_000L, CareCents = 1_000_000L, JointCents = 0L },
            Shares =
            [
                new FundingModels.ShareRequest { Part = "education", FunderId = Demo.Swv, AmountCents = 2_000_000L },
                new FundingModels.ShareRequest { Part = "care", FunderId = Demo.Municipality, AmountCents = 1_000_000L },
            ],
        }, cancellationToken: Ct);
        var id = draft!.Id!.Value;
        await swv.Funding.Api.Funding.Arrangements[id].Proposal.PostAsync(cancellationToken: Ct);
        await swv.Funding.Api.Funding.Arrangements[id].Approval.PostAsync(cancellationToken: Ct);
        var active = await maastricht.Funding.Api.Funding.Arrangements[id].Approval.PostAsync(cancellationToken: Ct);
        Assert.Equal("active", active!.Status);

        // A refusal arrives as the document's typed problem, not as an untyped error.
        var refused = await Assert.ThrowsAsync<FundingModels.ProblemDetails>(() =>
            school.Funding.Api.Funding.Arrangements[id].Approval.PostAsync(cancellationToken: Ct));
        Assert.Equal(403, refused.ResponseStatusCode);
    }

    private PlatformClients Clients(string clientId) => new(platform.Gateway, clientId, $"{clientId}-dev-secret");
}
