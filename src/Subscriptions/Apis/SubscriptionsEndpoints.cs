using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Subscriptions.Delivery;
using Platform.Subscriptions.Domain;
using Platform.Subscriptions.Infrastructure;

namespace Platform.Subscriptions.Apis;

/// <summary>An organisation's own subscriptions: register, list, pause, resume, delete, and the delivery log with redelivery.</summary>
public static class SubscriptionsEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup($"{SubscriptionsApi.Prefix}/subscriptions").WithTags("Subscriptions")
            .RequireAuthorization().WithDomainProblems();
        group.MapPost("/", RegisterAsync).Accepts<SubscribeRequest>("application/json")
            .WithSummary("Register a callback for channels your organisation may read. The answer carries the signing secret, once.");
        group.MapGet("/", async (HttpContext http, SubscriptionsDbContext db, CancellationToken ct) =>
        {
            var org = http.User.RequiredOrganisationId();
            var list = await db.Subscriptions.AsNoTracking().Where(s => s.OrganisationId == org).OrderBy(s => s.CreatedAt).ToListAsync(ct);
            return TypedResults.Ok(list.Select(SubscriptionResponse.From));
        }).WithSummary("Your organisation's subscriptions.");
        group.MapGet("/{id:guid}", async (Guid id, HttpContext http, SubscriptionsDbContext db, CancellationToken ct) =>
            await FindAsync(db, http, id, ct) is { } s ? Results.Ok(SubscriptionResponse.From(s)) : NotFound(id));
        group.MapPost("/{id:guid}/pause", (Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock) =>
            ChangeAsync(db, http, id, s => s.Pause("Paused by its organisation.", clock.GetUtcNow())))
            .WithSummary("Stop deliveries; new notifications are kept until you resume.");
        group.MapPost("/{id:guid}/resume", async (Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock) =>
        {
            // What backs off is due at once: the receiver is said to be fixed.
            var now = clock.GetUtcNow();
            foreach (var d in await db.Deliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt > now).ToListAsync())
                d.DueNow(now);
            return await ChangeAsync(db, http, id, s => s.Resume());
        }).WithSummary("Deliver again, starting with what was kept while paused.");
        group.MapDelete("/{id:guid}", async (Guid id, HttpContext http, SubscriptionsDbContext db, CancellationToken ct) =>
        {
            var s = await FindAsync(db, http, id, ct, track: true);
            if (s is null) return NotFound(id);
            db.Subscriptions.Remove(s);
            await db.SaveChangesAsync(ct);
            return Results.NoContent();
        }).WithSummary("Delete the subscription and its delivery log.");
        group.MapGet("/{id:guid}/deliveries", async (Guid id, string? status, HttpContext http, SubscriptionsDbContext db, CancellationToken ct) =>
        {
            if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
            var query = db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
            if (status is not null)
            {
                if (!Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var wanted))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["pending, delivered or failed."] });
                query = query.Where(d => d.Status == wanted);
            }
            var list = await query.OrderByDescending(d => d.CreatedAt).Take(200).ToListAsync(ct);
            return Results.Ok(list.Select(DeliveryResponse.From));
        }).WithSummary("The delivery log: each notification with its attempts and status codes (newest first, 200).");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redelivery", async (Guid id, Guid deliveryId, HttpContext http, SubscriptionsDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
            var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct);
            if (delivery is null) return TypedResults.Problem(title: "Delivery not found.", statusCode: StatusCodes.Status404NotFound);
            delivery.Redeliver(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Results.Ok(DeliveryResponse.From(delivery));
        }).WithSummary("Send one notification again (the same delivery id and body).");
        group.MapPost("/{id:guid}/redelivery", async (Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
            var failed = await db.Deliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Failed).ToListAsync(ct);
            foreach (var d in failed) d.Redeliver(clock.GetUtcNow());
            await db.SaveChangesAsync(ct);
            return Results.Ok(new { redelivering = failed.Count });
        }).WithSummary("Send every failed notification again.");
        return app;
    }

    private static async Task<IResult> RegisterAsync(HttpRequest request, SubscriptionsDbContext db, IOptions<DeliveryOptions> options, TimeProvider clock)
    {
        var user = request.HttpContext.User;
        var type = user.OrganisationTypeOf() ?? "";
        var (body, malformed) = await JsonBody.ReadAsync<SubscribeRequest>(request);
        if (malformed is not null) return malformed;
        var v = new Validation();
        if (body!.CallbackUrl is { Length: > 2000 }) v.Add("callbackUrl", "At most 2000 characters.");
        else if (await CallbackUrls.ProblemWithAsync(body.CallbackUrl, options.Value, request.HttpContext.RequestAborted) is { } problem)
            v.Add("callbackUrl", problem);
        var channels = body.Channels ?? [];
        if (channels.Count == 0) v.Add("channels", $"At least one of: {string.Join(", ", Channels.All)}.");
        for (var i = 0; i < channels.Count; i++)
            if (!Channels.All.Contains(channels[i])) v.Add($"channels[{i}]", $"One of: {string.Join(", ", Channels.All)}.");
        var eventTypes = body.EventTypes ?? [];
        for (var i = 0; i < eventTypes.Count; i++)
            if (!channels.Any(c => c is not null && Channels.EventTypes.TryGetValue(c, out var types) && types.Contains(eventTypes[i])))
                v.Add($"eventTypes[{i}]", "Not an event type of the chosen channels.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors(), title: "The subscription has errors.");
        // You can only subscribe to what your token may read.
        var refused = channels.Where(c => !Channels.MayUse(type, c)).ToList();
        if (refused.Count > 0)
            return TypedResults.Problem(title: "Not a channel for your organisation.", detail: $"A {type} cannot subscribe to: {string.Join(", ", refused)}.",
                statusCode: StatusCodes.Status403Forbidden, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["channels"] = [.. refused] } });

        var secret = NotificationSigner.NewSecret();
        var subscription = Subscription.Register(user.RequiredOrganisationId(), type, user.FindFirst(PlatformClaims.Municipality)?.Value,
            body.CallbackUrl!, channels, eventTypes, secret, clock.GetUtcNow());
        db.Subscriptions.Add(subscription);
        await db.SaveChangesAsync();
        return TypedResults.Created($"{SubscriptionsApi.Prefix}/subscriptions/{subscription.Id}",
            new CreatedSubscriptionResponse(SubscriptionResponse.From(subscription), secret, NotificationSigner.SignatureHeader, NotificationSigner.DeliveryHeader));
    }

    private static async Task<IResult> ChangeAsync(SubscriptionsDbContext db, HttpContext http, Guid id, Action<Subscription> change)
    {
        var s = await FindAsync(db, http, id, http.RequestAborted, track: true);
        if (s is null) return NotFound(id);
        change(s);
        await db.SaveChangesAsync();
        return Results.Ok(SubscriptionResponse.From(s));
    }

    /// <summary>Tenancy: another organisation's subscription does not exist for you.</summary>
    private static Task<Subscription?> FindAsync(SubscriptionsDbContext db, HttpContext http, Guid id, CancellationToken ct, bool track = false)
    {
        var org = http.User.RequiredOrganisationId();
        var query = track ? db.Subscriptions : db.Subscriptions.AsNoTracking();
        return query.FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == org, ct);
    }

    private static IResult NotFound(Guid id) => TypedResults.Problem(
        title: "Subscription not found.", detail: $"No subscription {id} of your organisation.", statusCode: StatusCodes.Status404NotFound);
}
