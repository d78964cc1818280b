using System.Net;
using Platform.EndToEnd.Tests.Faults.Control;
using Platform.ServiceDefaults;

namespace Platform.EndToEnd.Tests.Faults.Injected;

/// <summary>
/// Identity dies (SIGKILL) and is started again after the outage. The services validate the tokens
/// already issued with the signing keys they fetched before (cached), so the journeys, on a token got
/// before the fault, go on as if nothing happened; a new token request meanwhile gets 503 with
/// Retry-After from the gateway (a client waits and asks again), never a bare 502.
/// </summary>
public sealed class IdentityDown : Fault
{
    public override string Name => "identity killed (SIGKILL), restarted";

    public override Task InjectAsync(FaultContext context) => context.Platform.Resources.KillAsync(ResourceNames.Identity, context.Cancellation);

    public override async Task ObserveAsync(FaultContext context)
    {
        using var response = await DemoClients.RequestTokenAsync(context.Platform.Gateway, DemoClients.Municipality, context.Cancellation);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        context.Notes.Add($"a token request while Identity is down: {(int)response.StatusCode}, Retry-After {retryAfter?.TotalSeconds.ToString() ?? "none"}");
        context.Expect(response.StatusCode == HttpStatusCode.ServiceUnavailable && retryAfter is not null,
            $"A token request while Identity was down got {(int)response.StatusCode} (Retry-After {retryAfter?.ToString() ?? "none"}); expected 503 with Retry-After.");
    }

    public override async Task LiftAsync(FaultContext context)
    {
        await context.Platform.Resources.StartAsync(ResourceNames.Identity, context.Cancellation);
        // Tokens again, through the gateway, as before the fault.
        var token = await DemoClients.TokenAsync(context.Platform.Gateway, DemoClients.Municipality, context.Cancellation);
        context.Expect(token is not null, "No token from Identity after its restart.");
    }
}
