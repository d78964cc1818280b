using System.Net.Http.Headers;
using System.Text;

namespace Platform.EndToEnd.Tests.Security;

/// <summary>
/// OWASP API1/API3/API5: every operation every service publishes, called by one organisation of every
/// type, answers what the policy table in docs/security.md says. The records the calls name belong to
/// organisations that are none of the callers, so a 200 means "may see everyone's" (lists are filtered
/// to the caller's own) and a 404 means "not yours". Requests carry an empty body, so an allowed write
/// stops at validation (400) and changes nothing.
/// </summary>
public sealed class AuthorizationMatrixTests(PlatformFixture platform, ITestOutputHelper output)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_endpoint_answers_every_organisation_type_as_the_policy_table_says()
    {
        var policy = PolicyTable.Read();
        Assert.Equal(Representatives.All.Select(r => r.Column), policy.Columns);
        var operations = await ApiSurface.ReadAsync(platform.Gateway, Ct);
        var records = await SecurityRecords.OfAsync(platform, Ct);

        var actual = new Dictionary<string, string[]>();
        foreach (var operation in operations) actual[operation.Key] = new string[Representatives.All.Count];
        var tokens = new string[Representatives.All.Count];
        for (var column = 0; column < tokens.Length; column++)
            tokens[column] = await Demo.TokenAsync(platform.Gateway, Representatives.All[column].ClientId) ?? throw new InvalidOperationException("No token.");
        async Task CallAsync(Operation operation, int column)
        {
            using var response = await Gateway.SendAsync(platform.Gateway, () => Request(operation, records, tokens[column]), Ct);
            actual[operation.Key][column] = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        // Reads change nothing: every column's reads at once, so the suite waits one column's length for the
        // platform's answers, not nine. Writes stay one column after the other, in the table's order: an allowed
        // write without a body (a DELETE by the directory's keeper) does change the record the next column names.
        await Task.WhenAll(Enumerable.Range(0, tokens.Length).Select(async column =>
        {
            foreach (var operation in operations.Where(o => o.Method == "GET")) await CallAsync(operation, column);
        }));
        for (var column = 0; column < tokens.Length; column++)
            foreach (var operation in operations.Where(o => o.Method != "GET")) await CallAsync(operation, column);

        var table = Markdown(policy.Columns, actual);
        var mismatches = new List<string>();
        foreach (var (key, cells) in actual)
        {
            if (!policy.Rows.TryGetValue(key, out var expected)) { mismatches.Add($"{key}: published but not in the policy table"); continue; }
            for (var i = 0; i < cells.Length; i++)
                if (cells[i] != expected[i]) mismatches.Add($"{key} as {policy.Columns[i]}: {cells[i]}, the policy says {expected[i]}");
        }
        mismatches.AddRange(policy.Rows.Keys.Except(actual.Keys).Select(k => $"{k}: in the policy table but not published"));
        if (mismatches.Count > 0) output.WriteLine(table);
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [Fact]
    public async Task Every_POST_declares_the_Idempotency_Key_it_accepts()
    {
        var operations = await ApiSurface.ReadAsync(platform.Gateway, Ct);

        var undeclared = operations.Where(o => o.Method == "POST" && !o.Declares("Idempotency-Key")).Select(o => o.Key).ToList();

        Assert.Contains(operations, o => o.Method == "POST");
        Assert.Empty(undeclared);
    }

    private static HttpRequestMessage Request(Operation operation, SecurityRecords records, string token)
    {
        var request = new HttpRequestMessage(new HttpMethod(operation.Method), records.Fill(operation.Path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (operation.HasBody)
            request.Content = new StringContent(operation.ContentType == "application/json" ? "{}" : "", Encoding.UTF8, operation.ContentType!);
        return request;
    }

    private static string Markdown(IReadOnlyList<string> columns, Dictionary<string, string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine($"| endpoint | {string.Join(" | ", columns)} |");
        text.AppendLine($"|---|{string.Concat(columns.Select(_ => "---|"))}");
        foreach (var (key, cells) in rows) text.AppendLine($"| `{key}` | {string.Join(" | ", cells)} |");
        return text.ToString();
    }
}
