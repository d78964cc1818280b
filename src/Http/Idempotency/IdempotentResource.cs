using Microsoft.AspNetCore.Http;

namespace Platform.Http.Idempotency;

public static class IdempotentResource
{
    /// <summary>
    /// A handler that creates a resource says where it will be, before it saves: if the service dies
    /// between the commit and the answer, a retry with the same Idempotency-Key is told that location
    /// (409 with <c>Location</c>) instead of only "look it up". Without an Idempotency-Key, nothing happens.
    /// </summary>
    public static void WillBeAt(this HttpContext http, string location)
    {
        if (http.Features.Get<IdempotencyClaim>() is { } claim) claim.ResourceLocation = location;
    }
}
