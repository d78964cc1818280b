using Platform.Identity.Upstream;

namespace Platform.Identity.People;

/// <summary>
/// Whether a person's sign-in still counts: made through the provider the person is registered at, which is still
/// enabled and still vouches for the person's organisation. Checked at every authorization and every refresh, so that a
/// provider the region's office disabled (a compromised one, an organisation that left it) ends its people's sessions
/// and refresh tokens from their next request on, not after eight hours.
/// </summary>
internal static class SignInSources
{
    /// <summary>The claim that names the provider a session or refresh token came from; absent for the demo form.</summary>
    public const string Claim = "idp";

    public static async Task<string?> RefusalAsync(Person person, string? idp, UpstreamProviderCache providers, CancellationToken ct)
    {
        // A demo person (Development only) signs in on the demo form, never through a provider.
        if (person.ProviderId is null) return idp is null ? null : "The person was not signed in through a provider.";
        if (idp != person.ProviderId) return "The person is registered for another provider than the one they signed in at.";
        if (await providers.FindAsync(idp, version: null, ct) is not { } provider) return "The person's identity provider is no longer connected.";
        return provider.OrganisationIds.Contains(person.OrganisationId) ? null : "The identity provider no longer vouches for the person's organisation.";
    }
}
