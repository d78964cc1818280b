using System.Globalization;

namespace Platform.Portal.Localisation;

/// <summary>
/// The portal speaks Dutch, and English on request (<c>?lang=en</c>, remembered in a cookie). Each
/// text is written in both languages where it is used, so a page reads as it renders.
/// </summary>
public sealed class Texts(IHttpContextAccessor context)
{
    public const string Cookie = "village.lang";
    private static readonly CultureInfo DutchCulture = CultureInfo.GetCultureInfo("nl-NL");
    // English as written in the euro area (Ireland): "1 December 2026", and amounts in euros, never pounds.
    private static readonly CultureInfo EnglishCulture = CultureInfo.GetCultureInfo("en-IE");

    public string Language => LanguageOf(context.HttpContext!);
    public bool English => Language == "en";
    public CultureInfo Culture => English ? EnglishCulture : DutchCulture;

    public string this[string nl, string en] => English ? en : nl;

    public string Money(long cents) => (cents / 100m).ToString("C0", Culture);

    public string Date(DateOnly date) => date.ToString("d MMMM yyyy", Culture);

    public string Date(DateTimeOffset at) => Date(DayOf(at));

    /// <summary>The Dutch calendar day of a moment.</summary>
    public static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Amsterdam).DateTime);

    /// <summary>Today in the Netherlands, whatever the server's clock zone (containers run in UTC).</summary>
    public static DateOnly Today => DayOf(DateTimeOffset.UtcNow);

    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string LanguageOf(HttpContext http) =>
        (http.Request.Query["lang"].ToString() is { Length: > 0 } asked ? asked : http.Request.Cookies[Cookie]) == "en" ? "en" : "nl";

    /// <summary>Remembers a language asked for in the query string.</summary>
    public static Task RememberAsync(HttpContext http, Func<Task> next)
    {
        if (http.Request.Query["lang"].ToString() is "nl" or "en")
            http.Response.Cookies.Append(Cookie, http.Request.Query["lang"]!, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), Path = http.Request.PathBase.HasValue ? http.Request.PathBase : "/",
            });
        return next();
    }

    /// <summary>A status as the API names it, in words.</summary>
    public string Status(string status) => status switch
    {
        "draft" => this["concept", "draft"],
        "proposed" => this["voorgesteld", "proposed"],
        "partially-approved" => this["deels goedgekeurd", "partly approved"],
        "decided" => this["besloten door de tafel", "decided by the table"],
        "plan-agreed" => this["plan afgesproken", "plan agreed"],
        "active" => this["actief", "active"],
        "escalated" => this["geëscaleerd", "escalated"],
        "rejected" => this["afgewezen", "rejected"],
        "ended" => this["beëindigd", "ended"],
        "pending" => this["nog te besluiten", "to decide"],
        "approved" => this["goedgekeurd", "approved"],
        "referred" => this["aangemeld", "referred"],
        "awaiting-consent" => this["wacht op toestemming", "awaiting consent"],
        "open" => this["open", "open"],
        "closed" => this["gesloten", "closed"],
        "resolved" => this["opgelost", "resolved"],
        _ => status,
    };
}
