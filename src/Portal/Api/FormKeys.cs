using Microsoft.AspNetCore.Http;

namespace Platform.Portal.Api;

/// <summary>
/// The Idempotency-Key of a form, made when the form is rendered and posted back with it (a hidden field): a double
/// click or a resubmitted post sends the same key, and the API answers the second with the first's answer instead of
/// acting twice (a second referral, a second knooppunt). A form with several buttons (a worklist) adds what the button
/// names, so each action on the list has a key of its own.
/// </summary>
public static class FormKeys
{
    public const string Field = "idempotencyKey";

    public static string New() => Guid.NewGuid().ToString();

    /// <summary>The posted form's key (with <paramref name="action"/> for a worklist's button), or null when it carries none.</summary>
    public static string? Of(IFormCollection form, string? action = null) =>
        form[Field].ToString() is { Length: > 0 and <= 40 } key && Guid.TryParse(key, out _)
            ? action is null ? key : $"{key}:{action}"
            : null;
}
