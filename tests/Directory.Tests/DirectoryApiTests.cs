using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Directory;
using Platform.Contracts.Funding;
using Platform.TestInfrastructure;

namespace Platform.Directory.Tests;

/// <summary>The directory's API: what everyone reads, what only its keepers change, and the snapshot each change publishes.</summary>
public sealed class DirectoryApiTests(TestServersFixture fixture) : DirectoryTestBase(fixture)
{
    private static object School(string organisationId = "school-bs-de-linde", string brin = "27DL", string branch = "02", string kind = "po",
        string municipality = "GM0935") => new
    {
        organisationId, name = "Basisschool De Linde, locatie Oost", kind, brin, branchCode = branch, municipality,
        address = new { street = "Oostweg 1", postalCode = "6224 AA", place = "Maastricht" },
    };

    [Fact]
    public async Task The_demo_region_is_there_from_the_start_and_published_as_version_1()
    {
        var region = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/region", Ct), HttpStatusCode.OK);
        Assert.Equal("zuid-limburg", region.GetProperty("region").GetString());
        var subRegions = region.GetProperty("subRegions").EnumerateArray().ToList();
        Assert.Equal(3, subRegions.Count);
        Assert.Equal(16, subRegions.Sum(s => s.GetProperty("municipalities").GetArrayLength()));

        var deLinde = await ReadAsync(await AsMaastricht.GetAsync("/api/directory/locations/27DL00", Ct), HttpStatusCode.OK);
        Assert.Equal(("po", "27DL", "00", "GM0935", "maastricht-heuvelland", "swv-po-maastricht-heuvelland"), (
            deLinde.GetProperty("kind").GetString(), deLinde.GetProperty("brin").GetString(), deLinde.GetProperty("branchCode").GetString(),
            deLinde.GetProperty("municipality").GetString(), deLinde.GetProperty("subRegion").GetString(), deLinde.GetProperty("swv").GetString()));
        // Every school has its four fixed contacts (vaste aanspreekpunten).
        Assert.Equal(["jgz", "leerplicht", "school-social-work", "wijkteam"],
            deLinde.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("role").GetString()));

        var sbos = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/locations?kind=sbo", Ct), HttpStatusCode.OK);
        Assert.Equal(["23DW00", "27HK00"], sbos.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetString()!).Order());
        var parkstad = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/organisations?type=swv&subRegion=parkstad", Ct), HttpStatusCode.OK);
        Assert.Equal(["swv-po-parkstad", "swv-vo-parkstad"], parkstad.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetString()!).Order());

        var snapshot = Assert.Single(await SnapshotsAsync());
        Assert.Equal(1, snapshot.Version);
        Assert.Contains(snapshot.Locations, l => l.Id == "27HK00" && l.Kind == "sbo" && l.Swv == "swv-po-maastricht-heuvelland");
        Assert.Contains(snapshot.PupilCounts, p => p is { LocationId: "27DL00", SchoolYear: "2026-2027", Pupils: 412 });
    }

    [Fact]
    public async Task Only_the_keepers_change_the_directory_and_each_change_publishes_the_next_version()
    {
        await ReadAsync(await AsMaastricht.PutAsJsonAsync("/api/directory/locations/27DL02", School(), Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await AsDeLinde.PutAsJsonAsync("/api/directory/organisations/school-new", new { name = "x", type = "school" }, Ct), HttpStatusCode.Forbidden);

        var created = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL02", School(), Ct), HttpStatusCode.Created);
        Assert.Equal("swv-po-maastricht-heuvelland", created.GetProperty("swv").GetString());
        await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL02", School(), Ct), HttpStatusCode.OK);
        var organisation = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/wijkteam-maastricht-zuid",
            new { name = "Wijkteam Maastricht-Zuid", type = "youth-care-provider", municipality = "GM0935" }, Ct), HttpStatusCode.Created);
        Assert.Equal("maastricht-heuvelland", organisation.GetProperty("subRegion").GetString());

        var snapshots = await SnapshotsAsync();
        Assert.Equal([1L, 2L, 3L, 4L], snapshots.Select(s => s.Version));
        Assert.Contains(snapshots[1].Locations, l => l.Id == "27DL02" && l.OrganisationId == "school-bs-de-linde");
        Assert.Contains(snapshots[3].Organisations, o => o.Id == "wijkteam-maastricht-zuid");
    }

    [Fact]
    public async Task Bad_input_is_400_broken_rules_are_422_and_nothing_is_published()
    {
        var bad = await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL03", new { kind = "po", brin = "dl27", branchCode = "1" }, Ct), HttpStatusCode.BadRequest);
        foreach (var field in new[] { "organisationId", "name", "brin", "branchCode", "municipality", "address.street" }) AssertErrorOn(bad, field);

        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27XX00", School(), Ct), HttpStatusCode.UnprocessableEntity), "id");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL02", School(municipality: "GM0363"), Ct), HttpStatusCode.UnprocessableEntity), "municipality");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL02", School(organisationId: "jgz-zuid-limburg"), Ct), HttpStatusCode.UnprocessableEntity), "kind");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/locations/27DL02", School(kind: "gymnasium"), Ct), HttpStatusCode.UnprocessableEntity), "kind");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/school-zonder-swv",
            new { name = "School zonder SWV", type = "school", municipality = "GM0935" }, Ct), HttpStatusCode.UnprocessableEntity), "swv");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/Not_A_Slug",
            new { name = "x", type = "jgz" }, Ct), HttpStatusCode.UnprocessableEntity), "id");
        // A municipality cannot be turned into a school.
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsJsonAsync("/api/directory/organisations/gemeente-maastricht",
            new { name = "x", type = "school", municipality = "GM0935", swv = "swv-po-maastricht-heuvelland" }, Ct), HttpStatusCode.UnprocessableEntity), "type");

        await ReadAsync(await AsKeeper.GetAsync("/api/directory/locations/27DL02", Ct), HttpStatusCode.NotFound);
        Assert.Single(await SnapshotsAsync());
    }

    [Fact]
    public async Task A_location_s_fixed_contact_is_set_by_its_own_school_or_the_providing_organisation_and_nobody_else()
    {
        var wijkteam = new { providedBy = "gemeente-maastricht", name = "Wijkteam Maastricht-Oost: R. Hendriks", phone = "043-555 11 11", email = "r.hendriks@maastricht.example" };
        await ReadAsync(await AsMaastricht.PutAsJsonAsync("/api/directory/locations/27DL00/contacts/wijkteam", wijkteam, Ct), HttpStatusCode.OK);
        var seen = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/locations/27DL00", Ct), HttpStatusCode.OK);
        Assert.Equal("Wijkteam Maastricht-Oost: R. Hendriks", seen.GetProperty("contacts").EnumerateArray()
            .Single(c => c.GetProperty("role").GetString() == "wijkteam").GetProperty("name").GetString());

        var heerlen = As("gemeente-heerlen", "municipality");
        await ReadAsync(await heerlen.PutAsJsonAsync("/api/directory/locations/27DL00/contacts/wijkteam", wijkteam with { }, Ct), HttpStatusCode.Forbidden);
        await ReadAsync(await As("school-bs-het-palet", "school").DeleteAsync("/api/directory/locations/27DL00/contacts/jgz", Ct), HttpStatusCode.Forbidden);
        AssertErrorOn(await ReadAsync(await AsDeLinde.PutAsJsonAsync("/api/directory/locations/27DL00/contacts/wijkteam",
            new { providedBy = "school-bs-de-linde", name = "x", email = "not-an-address" }, Ct), HttpStatusCode.BadRequest), "email");
        AssertErrorOn(await ReadAsync(await AsDeLinde.PutAsJsonAsync("/api/directory/locations/27DL00/contacts/wijkteam",
            new { providedBy = "wijkteam-onbekend", name = "x", phone = "1" }, Ct), HttpStatusCode.UnprocessableEntity), "providedBy");
        await ReadAsync(await AsDeLinde.PutAsJsonAsync("/api/directory/locations/27DL00/contacts/huisarts", wijkteam, Ct), HttpStatusCode.BadRequest);

        await ReadAsync(await AsDeLinde.DeleteAsync("/api/directory/locations/27DL00/contacts/school-social-work", Ct), HttpStatusCode.NoContent);
        await ReadAsync(await AsDeLinde.DeleteAsync("/api/directory/locations/27DL00/contacts/school-social-work", Ct), HttpStatusCode.NotFound);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task Pupil_counts_import_from_DUO_style_CSV_all_or_nothing_and_replace_the_school_year()
    {
        // DUO's column names, semicolons, quotes and a BOM, as its open-data files come.
        const string duo = "\uFEFFPEILDATUM;INSTELLINGSCODE;VESTIGINGSCODE;INSTELLINGSNAAM;TOTAAL\n" +
                           "20271001;27DL;00;\"De Linde; hoofdlocatie\";420\n20271001;27DL;1;De Linde Wyck;140\n20271001;27HK;00;Het Kompas;121\n";
        var imported = await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028?source=DUO%201%20oktober%202027", Csv(duo), Ct), HttpStatusCode.OK);
        Assert.Equal((3, 681), (imported.GetProperty("locations").GetInt32(), imported.GetProperty("pupils").GetInt32()));

        var perSwv = await ReadAsync(await AsMaastricht.GetAsync("/api/directory/pupil-counts?schoolYear=2027-2028&swv=swv-po-maastricht-heuvelland", Ct), HttpStatusCode.OK);
        Assert.Equal(681, perSwv.GetProperty("pupils").GetInt32());
        Assert.Equal("DUO 1 oktober 2027", perSwv.GetProperty("items")[0].GetProperty("source").GetString());

        // A second import of the year replaces the first.
        await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028", Csv("locationId,pupils\n27DL00,400\n"), Ct), HttpStatusCode.OK);
        Assert.Equal(400, (await ReadAsync(await AsMaastricht.GetAsync("/api/directory/pupil-counts?schoolYear=2027-2028", Ct), HttpStatusCode.OK)).GetProperty("pupils").GetInt32());

        // An unknown location, a non-school location, a bad count: nothing changes.
        var refused = await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028",
            Csv("brin,vestiging,leerlingen\n27DL,00,999\n99ZZ,00,10\n"), Ct), HttpStatusCode.UnprocessableEntity);
        AssertErrorOn(refused, "lines[3].location");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028",
            Csv("locationId,pupils\nkdv-de-kleine-wereld,30\n"), Ct), HttpStatusCode.UnprocessableEntity), "lines[2].location");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028",
            Csv("locationId,pupils\n27DL00,-4\n"), Ct), HttpStatusCode.BadRequest), "lines[2].pupils");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028", Csv("naam,aantal\nx,1\n"), Ct), HttpStatusCode.BadRequest), "body");
        AssertErrorOn(await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2029", Csv("locationId,pupils\n27DL00,1\n"), Ct), HttpStatusCode.BadRequest), "schoolYear");
        await ReadAsync(await AsDeLinde.PutAsync("/api/directory/pupil-counts/2027-2028", Csv("locationId,pupils\n27DL00,1\n"), Ct), HttpStatusCode.Forbidden);
        Assert.Equal(400, (await ReadAsync(await AsMaastricht.GetAsync("/api/directory/pupil-counts?schoolYear=2027-2028", Ct), HttpStatusCode.OK)).GetProperty("pupils").GetInt32());

        var snapshots = await SnapshotsAsync();
        Assert.Equal(3, snapshots.Count);
        Assert.Contains(snapshots[^1].PupilCounts, p => p is { LocationId: "27DL00", SchoolYear: "2027-2028", Pupils: 400 });
    }

    [Fact]
    public async Task A_quoted_name_with_a_line_break_does_not_break_a_pupil_count_upload()
    {
        // Spreadsheets write a cell with a line break as one quoted field over two lines (RFC 4180).
        const string csv = "brin;vestiging;naam;leerlingen\r\n27DL;00;\"De Linde\r\nhoofdlocatie\";420\r\n27HK;00;Het Kompas;121\r\n";
        var imported = await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028", Csv(csv), Ct), HttpStatusCode.OK);
        Assert.Equal((2, 541), (imported.GetProperty("locations").GetInt32(), imported.GetProperty("pupils").GetInt32()));

        // An error still names the line it is on in the file: the quoted line break makes the second school line 4.
        var refused = await ReadAsync(await AsKeeper.PutAsync("/api/directory/pupil-counts/2027-2028",
            Csv(csv.Replace("27HK;00", "99ZZ;00")), Ct), HttpStatusCode.UnprocessableEntity);
        AssertErrorOn(refused, "lines[4].location");
    }

    [Fact]
    public async Task Collective_arrangements_running_at_a_location_are_on_the_sociale_kaart_until_they_end()
    {
        var id = Guid.NewGuid();
        await Directory.PublishAndWaitAsync(new ArrangementActivated(id, "collective", "27DL00", 12, 10_000_000, new DateOnly(2026, 12, 1), new DateOnly(2027, 7, 31), false,
            DateTimeOffset.UtcNow, "Groep Anders Leren", "Intensive social-emotional needs, groups 5-8", ["social-emotional"], ["GM0935"]));
        await Directory.PublishAndWaitAsync(new ArrangementActivated(Guid.NewGuid(), "individual", "27DL00", 1, 500_000, new DateOnly(2026, 12, 1), new DateOnly(2027, 7, 31), false,
            DateTimeOffset.UtcNow, "Individual arrangement", "One child", ["learning"], []));

        var services = await ReadAsync(await AsMaastricht.GetAsync("/api/directory/services?supportDomain=social-emotional", Ct), HttpStatusCode.OK);
        var offered = Assert.Single(services.GetProperty("items").EnumerateArray());
        Assert.Equal(("Groep Anders Leren", "27DL00", 12), (offered.GetProperty("title").GetString(), offered.GetProperty("locationId").GetString(), offered.GetProperty("places").GetInt32()));
        var location = await ReadAsync(await AsDeLinde.GetAsync("/api/directory/locations/27DL00", Ct), HttpStatusCode.OK);
        Assert.Single(location.GetProperty("services").EnumerateArray());
        Assert.Empty((await ReadAsync(await AsDeLinde.GetAsync("/api/directory/services?supportDomain=learning", Ct), HttpStatusCode.OK)).GetProperty("items").EnumerateArray());

        await Directory.PublishAndWaitAsync(new ArrangementEnded(id, "ended", new DateOnly(2027, 7, 31), DateTimeOffset.UtcNow));
        services = await ReadAsync(await AsMaastricht.GetAsync("/api/directory/services", Ct), HttpStatusCode.OK);
        Assert.Empty(services.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task A_service_asking_for_a_copy_gets_the_current_version_again()
    {
        await Directory.PublishAndWaitAsync(new DirectorySnapshotRequested("funding", DateTimeOffset.UtcNow));
        var snapshots = await SnapshotsAsync();
        Assert.Equal([1L, 1L], snapshots.Select(s => s.Version));
        Assert.Equal(snapshots[0].Locations.Count, snapshots[1].Locations.Count);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_directory()
    {
        var document = await ReadAsync(await Directory.CreateClient().GetAsync("/api/directory/openapi/v1.json", Ct), HttpStatusCode.OK);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/directory/region", "/api/directory/organisations/{id}", "/api/directory/locations/{id}/contacts/{role}", "/api/directory/pupil-counts/{schoolYear}", "/api/directory/services" })
            Assert.Contains(path, paths);
    }
}
