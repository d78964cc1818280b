namespace Platform.Gateway;

/// <summary>
/// What a browser is told at the edge (#25 point 11). Every answer: <c>nosniff</c>, no referrer, and on
/// HTTPS (as the ingress forwards it) HSTS for a year. The services' answers under <c>/api/</c> also get a
/// content security policy: JSON may load nothing and be framed by nothing; a page (the monitor's
/// dashboard: inline styles and SVG, no script, a GET form) may use its own inline styles only. Identity's
/// sign-in pages are left without one here: the OpenID Connect form_post answer submits itself with a
/// script, and Identity's own pages are Identity's to protect.
/// </summary>
internal static class SecurityHeaders
{
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    public const string PagePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    public const string Hsts = "max-age=31536000; includeSubDomains";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            if (http.Request.IsHttps) headers.StrictTransportSecurity = Hsts;
            if (http.Request.Path.StartsWithSegments("/api"))
                headers.ContentSecurityPolicy = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    ? PagePolicy : ApiPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
