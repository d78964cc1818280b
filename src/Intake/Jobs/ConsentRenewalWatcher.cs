using Microsoft.Extensions.Options;
using Platform.Intake.Domain.Cases;
using Platform.Intake.Infrastructure;
using Platform.Jobs;
using Platform.ServiceDefaults;

namespace Platform.Intake.Jobs;

/// <summary>
/// Raises <c>ConsentRenewalDue</c> once for every case whose child reached 12 or 16 after its consent
/// was given (RULES.md §6: from 12 the child consents too, from 16 alone), through the durable
/// deadline sweep: the birthday is a column of the case (<c>consent_age_check_on</c>), so a restart
/// loses nothing, and replicas never raise it twice.
/// </summary>
public sealed class ConsentRenewalWatcher(
    IServiceScopeFactory scopes, TimeProvider clock, IOptions<IntakeOptions> options, ILogger<ConsentRenewalWatcher> logger)
    : DeadlineSweep<IntakeDbContext, Case>(scopes, clock, logger)
{
    protected override bool Enabled => options.Value.DeadlineWatcherEnabled;
    protected override TimeSpan Interval => options.Value.DeadlineCheckInterval;

    protected override string Table => "intake.cases";
    protected override string OrderBy => "consent_age_check_on";

    protected override FormattableString DueWhere(DateTimeOffset now) => $"""
        status <> 'Closed' AND consent_age_check_on <= {DutchTime.DateOf(now)}
        """;

    protected override int Act(Case @case, DateTimeOffset now) => @case.RaiseConsentRenewalIfDue(DutchTime.DateOf(now), now) ? 1 : 0;

    /// <summary>One pass; returns how many renewals were raised. Public for tests and tools.</summary>
    public Task<int> CheckAsync(CancellationToken ct) => RunOnceAsync(ct);
}
