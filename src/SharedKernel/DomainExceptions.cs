namespace Platform.SharedKernel;

/// <summary>
/// A request that is well-formed but breaks a rule of the domain (e.g. consent from the parents
/// alone for a 14-year-old). Answered with 422 naming <see cref="Field"/>.
/// </summary>
public sealed class DomainRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// A move a state machine does not allow from its current state (e.g. agreeing a plan
/// on a closed case). Answered with 409.
/// </summary>
public sealed class IllegalTransitionException(string message) : Exception(message);
