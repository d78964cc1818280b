using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Platform.Http;

/// <summary>
/// Reads a JSON request body and turns malformed JSON into a 400 problem response that names
/// the field at fault (e.g. <c>child.dateOfBirth</c>), which the framework's binder does not.
/// </summary>
public static class JsonBody
{
    /// <param name="request">The request.</param>
    /// <param name="allowEmpty">For bodies whose every field is optional: no body at all gives (null, null).</param>
    public static async Task<(T? Value, ValidationProblem? Problem)> ReadAsync<T>(HttpRequest request, bool allowEmpty = false) where T : class
    {
        if (allowEmpty && request.ContentLength is null or 0 && !request.HasJsonContentType()) return (null, null);
        if (!request.HasJsonContentType())
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["body"] = ["Send the body as application/json."] },
                title: "The request body is not JSON."));
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            var json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (JsonBodyLimits.Check(json.Span) is var (limitField, message))
                return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { [limitField] = [message] },
                    title: "The request body is outside the platform's limits."));
            var value = JsonSerializer.Deserialize<T>(json.Span, options);
            return value is null
                ? (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = ["The body is empty."] }))
                : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldName(ex.Path);
            return (null, TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = ["This value is not valid JSON of the expected type."] },
                title: "The request body could not be read."));
        }
    }

    /// <summary>Turns a JSON path like <c>$.child.dateOfBirth</c> into <c>child.dateOfBirth</c>.</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$').TrimStart('.');
}
