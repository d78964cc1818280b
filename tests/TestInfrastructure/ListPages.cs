using System.Net;
using System.Text.Json;

namespace Platform.TestInfrastructure;

/// <summary>A paged list read as a client reads it: the first page, then each <c>next</c> link until it is null.</summary>
public static class ListPages
{
    /// <summary>The items of one page (the body is <c>{ items, next }</c>).</summary>
    public static async Task<List<JsonElement>> FirstAsync(HttpClient client, string path, CancellationToken ct)
    {
        var page = await PageAsync(client, path, ct);
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    /// <summary>Every page in order; fails if the links do not end.</summary>
    public static async Task<List<List<JsonElement>>> AllAsync(HttpClient client, string firstPage, CancellationToken ct, int maxPages = 100)
    {
        var pages = new List<List<JsonElement>>();
        for (var next = firstPage; next is not null;)
        {
            Assert.True(pages.Count < maxPages, $"{firstPage}: more than {maxPages} pages, 'next' does not end.");
            var page = await PageAsync(client, next, ct);
            pages.Add([.. page.GetProperty("items").EnumerateArray()]);
            next = page.GetProperty("next").GetString();
        }
        return pages;
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: expected 200, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>The 400 of a list request, and the fields it names.</summary>
    public static async Task<IReadOnlyList<string>> RefusedFieldsAsync(HttpClient client, string path, CancellationToken ct)
    {
        using var response = await client.GetAsync(path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: expected 400, got {(int)response.StatusCode}: {body}");
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name)];
    }
}
