using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>A primary school hands a child with a collective arrangement over to a secondary school; Attendance and Funding follow.</summary>
public sealed class HandoverJourneyTests(PlatformFixture platform)
{
    private const string Bsn = "456789017";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
        TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam")).DateTime);

    [Fact]
    public async Task The_child_moves_to_secondary_school_with_its_arrangement_continued_and_its_thuiszitter_case_resolved()
    {
        var primary = await Demo.ClientAsync(platform.Gateway, "school-bs-de-linde");
        var secondary = await Demo.ClientAsync(platform.Gateway, "school-vo-college-parkstad");
        var maastricht = await Demo.ClientAsync(platform.Gateway, "gemeente-maastricht");

        // The child's case in Intake got a place in a collective arrangement: Handover learns it from Funding's event.
        await Demo.ActiveArrangementAsync(platform.Gateway);
        var caseId = await Demo.PlaceThroughIntakeAsync(platform.Gateway, Bsn, "Mats", "Vliegen", "2014-02-02");
        // A handover starts, and the child's arrangements show in it, only under a consent for it naming both schools (#25): the parents and the child give it.
        await Demo.ReadAsync(await primary.PostAsJsonAsync($"/api/intake/cases/{caseId}/consents", new
        {
            givenBy = new[] { "parents", "child" }, parentalAuthorityCheckedIn = "gezagsregister",
            organisations = new[] { "school-bs-de-linde", "school-vo-college-parkstad", "gemeente-maastricht" }, // the coordinator's too
            purpose = "The warm handover to secondary school", purposes = new[] { "handover" }, givenOn = Today.ToString("yyyy-MM-dd"),
        }, Ct), HttpStatusCode.Created);
        JsonElement started = default;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            // Starting needs the consent for the handover naming both schools (#25 point 3): repeated until it reached Handover.
            started = await Demo.StartHandoverAsync(primary, new
            {
                child = new { bsn = Bsn, givenName = "Mats", familyName = "Vliegen", dateOfBirth = "2014-02-02" },
                switchMoment = "primary-to-secondary",
                receivingOrganisationId = "school-vo-college-parkstad",
                dueOn = Today.AddDays(14).ToString("yyyy-MM-dd"),
                dossier = new { educationalNeeds = "Small steps", supportNeeds = "A fixed mentor", whatWorks = "Day plan on paper" },
            });
            if (started.GetProperty("care").GetArrayLength() > 0) break;
            await Task.Delay(500, Ct); // the placement or the consent is still on its way to Handover: start again
        }
        var id = started.GetProperty("id").GetGuid();

        // Meanwhile the child has been at home for five weeks: a thuiszitter case with the municipality.
        var report = await Demo.ReadAsync(await primary.PostAsJsonAsync("/api/attendance/absence-reports", new
        {
            child = new { bsn = Bsn, givenName = "Mats", familyName = "Vliegen", dateOfBirth = "2014-02-02", homeMunicipality = "GM0935" },
            kind = "long-term-relative",
            firstAbsentOn = Demo.LongTermAbsentSince,
        }, Ct), HttpStatusCode.Created);
        var thuiszitter = report.GetProperty("thuiszitterCaseId").GetGuid();

        var arrangement = started.GetProperty("care")[0].GetProperty("id").GetGuid();

        await Demo.ReadAsync(await secondary.PostAsync($"/api/handover/handovers/{id}/acceptance", null, Ct), HttpStatusCode.OK);
        await Demo.ReadAsync(await secondary.PostAsJsonAsync($"/api/handover/handovers/{id}/care/{arrangement}/confirmation", new { continues = true }, Ct), HttpStatusCode.OK);
        await Demo.ReadAsync(await primary.PostAsJsonAsync($"/api/handover/handovers/{id}/meeting", new
        {
            heldOn = Today.ToString("yyyy-MM-dd"), participants = new[] { "school-bs-de-linde", "school-vo-college-parkstad" }, parentsPresent = true,
        }, Ct), HttpStatusCode.OK);
        var completed = await Demo.ReadAsync(await secondary.PostAsync($"/api/handover/handovers/{id}/completion", null, Ct), HttpStatusCode.OK);
        Assert.Equal("completed", completed.GetProperty("status").GetString());

        var thirdSchool = await Demo.ClientAsync(platform.Gateway, "school-bs-het-palet");
        Assert.Equal(HttpStatusCode.NotFound, (await thirdSchool.GetAsync($"/api/handover/handovers/{id}", Ct)).StatusCode);

        // HandoverCompleted travels through the outbox and RabbitMQ to Attendance, which resolves the case.
        string? reason = null;
        for (var i = 0; i < 60 && reason is null; i++)
        {
            var current = await maastricht.GetFromJsonAsync<JsonElement>($"/api/attendance/thuiszitters/{thuiszitter}", Ct);
            reason = current.GetProperty("resolution").GetString();
            if (reason is null) await Task.Delay(250, Ct);
        }
        Assert.Equal("handover-completed", reason);

        // And to Funding: the place at De Linde is tied to that school, so it ends and frees the place.
        var swv = await Demo.ClientAsync(platform.Gateway, Demo.Swv);
        string? placement = null;
        for (var i = 0; i < 60 && placement != "ended"; i++)
        {
            placement = (await Demo.PlacementOfCaseAsync(swv, caseId)).Placement.GetProperty("status").GetString();
            if (placement != "ended") await Task.Delay(250, Ct);
        }
        Assert.Equal("ended", placement);
    }

}
