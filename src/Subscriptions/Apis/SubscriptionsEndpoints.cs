using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Http.Paging;
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
            .WithName("RegisterSubscription").ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Any organisation registers a callback for channels it may read. The answer carries the signing secret, once.");
        group.MapGet("/", ListAsync).WithName("ListSubscriptions")
            .WithSummary("Your organisation's subscriptions, oldest first.");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetSubscription").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One of your organisation's subscriptions, with its status and failures in a row.");
        group.MapPost("/{id:guid}/pause", (Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock) =>
            ChangeAsync(db, http, id, s => s.Pause("Paused by its organisation.", clock.GetUtcNow())))
            .WithName("PauseSubscription").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your organisation stops deliveries to the callback; new notifications are kept until it resumes.");
        group.MapPost("/{id:guid}/resume", ResumeAsync).WithName("ResumeSubscription").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your organisation has deliveries sent again, starting with what was kept while paused.");
        group.MapDelete("/{id:guid}", DeleteAsync).WithName("DeleteSubscription").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your organisation deletes the subscription and its delivery log.");
        group.MapGet("/{id:guid}/deliveries", ListDeliveriesAsync).WithName("ListDeliveries").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The delivery log of one of your subscriptions, newest first: each notification with its attempts and status codes.");
        group.MapPost("/{id:guid}/deliveries/{deliveryId:guid}/redelivery", RedeliverAsync)
            .WithName("RedeliverNotification").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your organisation has one notification sent again (the same delivery id and body).");
        group.MapPost("/{id:guid}/redelivery", RedeliverFailedAsync).WithName("RedeliverFailedNotifications").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Your organisation has every failed notification of the subscription sent again.");
        return app;
    }

    private static async Task<Results<Ok<Page<SubscriptionResponse>>, ValidationProblem>> ListAsync(
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, SubscriptionsDbContext db, CancellationToken ct)
    {
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (createdAt, afterId) = (default(DateTimeOffset), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryTime(0, out createdAt) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var org = http.User.RequiredOrganisationId();
        var query = db.Subscriptions.AsNoTracking().Where(s => s.OrganisationId == org);
        if (page.After is not null)
            query = query.Where(s => s.CreatedAt > createdAt || (s.CreatedAt == createdAt && s.Id.CompareTo(afterId) > 0));
        var rows = await query.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, SubscriptionResponse.From, s => [Cursor.Key(s.CreatedAt), Cursor.Key(s.Id)], http.Request));
    }

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetAsync(Guid id, HttpContext http, SubscriptionsDbContext db, CancellationToken ct) =>
        await FindAsync(db, http, id, ct) is { } s ? TypedResults.Ok(SubscriptionResponse.From(s)) : NotFound(id);

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> ResumeAsync(Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock)
    {
        // What backs off is due at once: the receiver is said to be fixed.
        var now = clock.GetUtcNow();
        foreach (var d in await db.Deliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Pending && d.NextAttemptAt > now).ToListAsync())
            d.DueNow(now);
        return await ChangeAsync(db, http, id, s => s.Resume());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, HttpContext http, SubscriptionsDbContext db, CancellationToken ct)
    {
        var s = await FindAsync(db, http, id, ct, track: true);
        if (s is null) return NotFound(id);
        db.Subscriptions.Remove(s);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Page<DeliveryResponse>>, ValidationProblem, ProblemHttpResult>> ListDeliveriesAsync(
        Guid id, [Description("Only deliveries in this status: pending, delivered or failed.")] string? status,
        [Description(PageRequest.LimitDescription)] int? limit, [Description(PageRequest.CursorDescription)] string? cursor,
        HttpContext http, SubscriptionsDbContext db, CancellationToken ct)
    {
        if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
        var v = new Validation();
        var page = PageRequest.Read(limit, cursor, v);
        var (createdAt, afterId) = (default(DateTimeOffset), default(Guid));
        if (page.After is { } keys && !(keys.Count == 2 && keys.TryTime(0, out createdAt) && keys.TryGuid(1, out afterId)))
            v.Add("cursor", PageRequest.ForeignCursor);
        DeliveryStatus? wanted = null;
        if (status is not null)
        {
            if (Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed)) wanted = parsed;
            else v.Add("status", "pending, delivered or failed.");
        }
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors());

        var query = db.Deliveries.AsNoTracking().Where(d => d.SubscriptionId == id);
        if (wanted is { } only) query = query.Where(d => d.Status == only);
        // Newest first; notifications of the same instant by id, so a page boundary between them holds.
        if (page.After is not null)
            query = query.Where(d => d.CreatedAt < createdAt || (d.CreatedAt == createdAt && d.Id.CompareTo(afterId) < 0));
        var rows = await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(page.Limit + 1).ToListAsync(ct);
        return TypedResults.Ok(page.PageOf(rows, DeliveryResponse.From, d => [Cursor.Key(d.CreatedAt), Cursor.Key(d.Id)], http.Request));
    }

    private static async Task<Results<Ok<DeliveryResponse>, ProblemHttpResult>> RedeliverAsync(
        Guid id, Guid deliveryId, HttpContext http, SubscriptionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
        var delivery = await db.Deliveries.FirstOrDefaultAsync(d => d.Id == deliveryId && d.SubscriptionId == id, ct);
        if (delivery is null) return TypedResults.Problem(title: "Delivery not found.", statusCode: StatusCodes.Status404NotFound);
        delivery.Redeliver(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(DeliveryResponse.From(delivery));
    }

    private static async Task<Results<Ok<RedeliveryResponse>, ProblemHttpResult>> RedeliverFailedAsync(
        Guid id, HttpContext http, SubscriptionsDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (await FindAsync(db, http, id, ct) is null) return NotFound(id);
        var failed = await db.Deliveries.Where(d => d.SubscriptionId == id && d.Status == DeliveryStatus.Failed).ToListAsync(ct);
        foreach (var d in failed) d.Redeliver(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new RedeliveryResponse(failed.Count));
    }

    private static async Task<Results<Created<CreatedSubscriptionResponse>, ValidationProblem, ProblemHttpResult>> RegisterAsync(HttpRequest request, SubscriptionsDbContext db, IOptions<DeliveryOptions> options, TimeProvider clock)
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

    private static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> ChangeAsync(SubscriptionsDbContext db, HttpContext http, Guid id, Action<Subscription> change)
    {
        var s = await FindAsync(db, http, id, http.RequestAborted, track: true);
        if (s is null) return NotFound(id);
        change(s);
        await db.SaveChangesAsync();
        return TypedResults.Ok(SubscriptionResponse.From(s));
    }

    /// <summary>Tenancy: another organisation's subscription does not exist for you.</summary>
    private static Task<Subscription?> FindAsync(SubscriptionsDbContext db, HttpContext http, Guid id, CancellationToken ct, bool track = false)
    {
        var org = http.User.RequiredOrganisationId();
        var query = track ? db.Subscriptions : db.Subscriptions.AsNoTracking();
        return query.FirstOrDefaultAsync(s => s.Id == id && s.OrganisationId == org, ct);
    }

    private static ProblemHttpResult NotFound(Guid id) => TypedResults.Problem(
        title: "Subscription not found.", detail: $"No subscription {id} of your organisation.", statusCode: StatusCodes.Status404NotFound);
}
