namespace Platform.Funding.Domain;

/// <summary>
/// One funder's budget for one year and line, in euro cents. An approval reserves part of it; an
/// arrangement's activation turns the reservation into a commitment. What is left is never
/// negative: the database's check constraint backs the rule below, and the row version makes two
/// approvals racing for the last euro see each other.
/// </summary>
public sealed class Budget
{
    public Guid Id { get; private set; }
    public string FunderId { get; private set; } = "";
    /// <summary>swv or municipality.</summary>
    public string FunderType { get; private set; } = "";
    /// <summary>CBS code for a municipality, so Funding can find the paying municipality of a child.</summary>
    public string? Municipality { get; private set; }
    public int Year { get; private set; }
    public string Line { get; private set; } = "";
    public long AmountCents { get; private set; }
    public long ReservedCents { get; private set; }
    public long CommittedCents { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public uint Version { get; private set; }

    public long LeftCents => AmountCents - ReservedCents - CommittedCents;

    private Budget() { }

    public static Budget Open(string funderId, string funderType, string? municipality, int year, string line, DateTimeOffset now)
    {
        if (!BudgetLines.MayHold(funderType, line))
            throw new DomainRuleException("line", $"A {funderType} does not hold a {line} budget.");
        return new Budget
        {
            Id = Guid.CreateVersion7(now), FunderId = funderId, FunderType = funderType, Municipality = funderType == "municipality" ? municipality : null,
            Year = year, Line = line, UpdatedAt = now,
        };
    }

    public void SetAmount(long cents, DateTimeOffset now)
    {
        if (cents < 0) throw new DomainRuleException("amountCents", "Cannot be negative.");
        if (cents < ReservedCents + CommittedCents)
            throw new DomainRuleException("amountCents", $"Below what is already reserved and committed ({ReservedCents + CommittedCents} cents).");
        AmountCents = cents;
        UpdatedAt = now;
    }

    /// <summary>Reserves <paramref name="cents"/>; refuses (409) what would overspend.</summary>
    public void Reserve(long cents, DateTimeOffset now)
    {
        if (cents > LeftCents)
            throw new IllegalTransitionException(
                $"{FunderId}'s {Line} budget for {Year} has {LeftCents} cents left; {cents} cents would overspend it.");
        ReservedCents += cents;
        UpdatedAt = now;
    }

    public void Release(long cents, DateTimeOffset now)
    {
        // Releasing more than is reserved would silently free other arrangements' money: a bug, never input.
        if (cents > ReservedCents) throw new InvalidOperationException($"Releasing {cents} cents from {FunderId}'s {Line} {Year} budget, which has {ReservedCents} reserved.");
        ReservedCents -= cents;
        UpdatedAt = now;
    }

    /// <summary>A reservation becomes a commitment when the arrangement is active.</summary>
    public void Commit(long cents, DateTimeOffset now)
    {
        ReservedCents -= cents;
        CommittedCents += cents;
        UpdatedAt = now;
    }
}
