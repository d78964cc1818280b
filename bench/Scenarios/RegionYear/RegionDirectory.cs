using System.Text.Json;

namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>A school location with its latest pupil count, as the Directory lists them.</summary>
public sealed record SchoolLocation(string Id, string OrganisationId, string Kind, string Municipality, string? Swv, string? BoardId, int Pupils)
{
    /// <summary>Primary education (regular or special): the children are 4 to 12.</summary>
    public bool Primary => Kind is "po" or "sbo" or "so";
}

/// <summary>A person who may advise on a TLV (RULES.md §4), as the Directory lists them.</summary>
public sealed record Expert(string PersonId, string OrganisationId, string? BoardId, IReadOnlyList<string> Disciplines);

/// <summary>
/// What the year's generator takes from the platform's own Directory, through the gateway: the school locations and their
/// pupil counts (the latest school year), the municipalities' organisations, each organisation's board, the TLV experts. Nothing region-specific is
/// written into the generator.
/// </summary>
public sealed record RegionDirectory(
    IReadOnlyList<SchoolLocation> Schools,
    IReadOnlyDictionary<string, string> MunicipalityOrganisations,
    IReadOnlyList<Expert> Experts,
    IReadOnlyDictionary<string, string?> Boards,
    string SchoolYear)
{
    public int Pupils => Schools.Sum(s => s.Pupils);

    public string MunicipalityOf(string code) => MunicipalityOrganisations.TryGetValue(code, out var id)
        ? id : throw new InvalidOperationException($"The Directory has no municipality organisation for {code}.");

    public static async Task<RegionDirectory> ReadAsync(HttpClient client, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        var schoolYear = "";
        foreach (var page in await PagesAsync(client, "/api/directory/pupil-counts?limit=200", ct))
        {
            schoolYear = page.GetProperty("schoolYear").GetString() ?? "";
            foreach (var count in page.GetProperty("items").EnumerateArray())
                counts[count.GetProperty("locationId").GetString()!] = count.GetProperty("pupils").GetInt32();
        }

        var organisations = new List<JsonElement>();
        foreach (var page in await PagesAsync(client, "/api/directory/organisations?limit=200", ct))
            organisations.AddRange(page.GetProperty("items").EnumerateArray());
        var boards = organisations.ToDictionary(o => o.GetProperty("id").GetString()!, o => Text(o, "boardId"));
        var municipalities = organisations
            .Where(o => o.GetProperty("type").GetString() == "municipality" && Text(o, "municipality") is not null && o.GetProperty("active").GetBoolean())
            .ToDictionary(o => Text(o, "municipality")!, o => o.GetProperty("id").GetString()!);

        var schools = new List<SchoolLocation>();
        foreach (var page in await PagesAsync(client, "/api/directory/locations?limit=200", ct))
            foreach (var location in page.GetProperty("items").EnumerateArray())
            {
                var id = location.GetProperty("id").GetString()!;
                if (!location.GetProperty("active").GetBoolean() || !counts.TryGetValue(id, out var pupils) || pupils <= 0) continue;
                var organisation = location.GetProperty("organisationId").GetString()!;
                schools.Add(new SchoolLocation(id, organisation, location.GetProperty("kind").GetString()!,
                    location.GetProperty("municipality").GetString()!, Text(location, "swv"), boards.GetValueOrDefault(organisation), pupils));
            }

        var experts = new List<Expert>();
        foreach (var page in await PagesAsync(client, "/api/directory/experts?limit=200", ct))
            foreach (var expert in page.GetProperty("items").EnumerateArray())
                if (expert.GetProperty("active").GetBoolean())
                    experts.Add(new Expert(expert.GetProperty("personId").GetString()!, expert.GetProperty("organisationId").GetString()!,
                        Text(expert, "boardId"), [.. expert.GetProperty("disciplines").EnumerateArray().Select(d => d.GetString()!)]));

        if (schools.Count == 0) throw new InvalidOperationException("The Directory lists no school location with a pupil count.");
        return new RegionDirectory(schools, municipalities, experts, boards, schoolYear);
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Every page of a list, following its <c>next</c> link.</summary>
    private static async Task<List<JsonElement>> PagesAsync(HttpClient client, string path, CancellationToken ct)
    {
        var pages = new List<JsonElement>();
        for (string? next = path; next is not null;)
        {
            using var response = await client.GetAsync(next, ct);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {next}: {(int)response.StatusCode}.");
            var page = (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct)).RootElement;
            pages.Add(page);
            next = page.TryGetProperty("next", out var link) && link.ValueKind == JsonValueKind.String ? link.GetString() : null;
        }
        return pages;
    }
}
