namespace Platform.Bench.Scenarios.RegionYear;

/// <summary>A made-up child: a BSN no other child of the run has, a name, a birth date fitting the school.</summary>
public sealed record Child(string Bsn, string GivenName, string FamilyName, DateOnly DateOfBirth, string HomeMunicipality)
{
    public object Body => new { bsn = Bsn, givenName = GivenName, familyName = FamilyName, dateOfBirth = DateOfBirth, homeMunicipality = HomeMunicipality };

    /// <summary>Who consents, by age on <paramref name="on"/> (RULES.md §7): parents under 12, parents and child 12 to 15, the child from 16.</summary>
    public string[] ConsentGivenBy(DateOnly on)
    {
        var age = on.Year - DateOfBirth.Year - (on < DateOfBirth.AddYears(on.Year - DateOfBirth.Year) ? 1 : 0);
        return age < 12 ? ["parents"] : age < 16 ? ["parents", "child"] : ["child"];
    }
}

/// <summary>Children for the year's journeys: every BSN used once (the same BSN is the same child everywhere).</summary>
public sealed class Children(int seed)
{
    private static readonly string[] GivenNames = ["Sanne", "Daan", "Lotte", "Mats", "Noor", "Finn", "Julia", "Sem", "Emma", "Luuk", "Tess", "Bram"];
    private static readonly string[] FamilyNames = ["Jansen", "Peters", "Hermans", "Vliegen", "Smeets", "Willems", "Janssen", "Bemelmans", "Op de Kamp", "Meertens"];
    private readonly Random _random = new(seed);
    private readonly HashSet<string> _issued = [];

    /// <summary>A child of <paramref name="minAge"/> to <paramref name="maxAge"/> today, living in <paramref name="municipality"/>.</summary>
    public Child Next(DateOnly today, int minAge, int maxAge, string municipality)
    {
        lock (_random)
        {
            string bsn;
            do bsn = PlatformApi.NewBsn(); while (!_issued.Add(bsn));
            var age = _random.Next(minAge, maxAge + 1);
            var born = today.AddYears(-age).AddDays(-_random.Next(1, 330));
            return new Child(bsn, GivenNames[_random.Next(GivenNames.Length)], FamilyNames[_random.Next(FamilyNames.Length)], born, municipality);
        }
    }

    /// <summary>A child of the school's age group: 6 to 11 in primary, 12 to 15 in secondary (compulsory school age, RULES.md §1).</summary>
    public Child At(SchoolLocation school, DateOnly today) => school.Primary ? Next(today, 6, 11, school.Municipality) : Next(today, 12, 15, school.Municipality);
}
