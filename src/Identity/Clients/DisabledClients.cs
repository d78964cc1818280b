using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;
using static OpenIddict.Server.OpenIddictServerHandlers;

namespace Platform.Identity.Clients;

/// <summary>
/// A disabled client gets nothing more: no token (whichever grant), no revocation, no sign-in, from the first
/// request after the region's office disabled it. Runs for every endpoint after OpenIddict has checked the client's
/// secret or assertion: only the client itself, not a stranger who knows its id, learns that it is disabled.
/// </summary>
internal sealed class DisabledClients(IOpenIddictApplicationManager applications) : IOpenIddictServerHandler<ProcessAuthenticationContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .AddFilter<OpenIddictServerHandlerFilters.RequireClientIdParameter>()
            .UseScopedHandler<DisabledClients>()
            .SetOrder(ValidateClientSecret.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (string.IsNullOrEmpty(context.ClientId)) return;
        var application = await applications.FindByClientIdAsync(context.ClientId, context.CancellationToken);
        if (application is null) return;
        if (!ClientProperties.IsDisabled(await applications.GetPropertiesAsync(application, context.CancellationToken))) return;
        context.Logger.LogInformation("A token request of disabled client {ClientId} was refused.", context.ClientId);
        context.Reject(
            error: context.EndpointType is OpenIddictServerEndpointType.Authorization or OpenIddictServerEndpointType.EndSession
                ? Errors.InvalidRequest : Errors.InvalidClient,
            description: "The client is disabled. Ask the region's office.");
    }
}
