using Platform.Funding.Domain;

namespace Platform.Funding.Budgets;

/// <summary>
/// The budgets one workflow step may touch, loaded (and tracked) before the step runs. A funder
/// without a budget for the line and year is an unknown funder.
/// </summary>
public sealed class BudgetBook(IEnumerable<Budget> budgets)
{
    private readonly Dictionary<(string Funder, string Line, int Year), Budget> _budgets =
        budgets.ToDictionary(b => (b.FunderId, b.Line, b.Year));

    public bool Has(string funderId, string line, int year) => _budgets.ContainsKey((funderId, line, year));

    public Budget For(string funderId, string line, int year, string field) =>
        _budgets.TryGetValue((funderId, line, year), out var budget) ? budget
            : throw new DomainRuleException(field, $"{funderId} holds no {line} budget for {year}: not a known funder for this part.");
}
