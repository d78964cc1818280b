using System.Net;

namespace Platform.Identity.People;

/// <summary>The frame of Identity's own pages (the demo sign-in, the sign-out question): one look, in Dutch or English.</summary>
internal static class IdentityPage
{
    /// <param name="title">Plain text; encoded here.</param>
    /// <param name="main">The page's HTML inside <c>main</c>, already encoded by the caller.</param>
    public static IResult Render(bool english, string title, string main) =>
        Results.Content($$"""
            <!doctype html>
            <html lang="{{(english ? "en" : "nl")}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{WebUtility.HtmlEncode(title)}} · It takes a village</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 0; background: #f4f6f8; color: #1b1b1b; }
              main { max-width: 32rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: .5rem; box-shadow: 0 1px 3px #0003; }
              label { display: block; font-weight: 600; margin-top: 1rem; }
              select, input { width: 100%; padding: .6rem; font-size: 1rem; border: 1px solid #595959; border-radius: .25rem; box-sizing: border-box; }
              button { margin-top: 1.5rem; padding: .7rem 1.4rem; font-size: 1rem; background: #004f9f; color: #fff; border: 0; border-radius: .25rem; cursor: pointer; }
              button:focus, select:focus, input:focus { outline: 3px solid #f5a300; outline-offset: 2px; }
              .error { color: #a00000; font-weight: 600; }
              p.hint { color: #4a4a4a; }
            </style></head>
            <body><main>
            {{main}}
            </main></body></html>
            """, "text/html; charset=utf-8");
}
