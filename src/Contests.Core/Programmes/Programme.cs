using Contests.Core.Common;

namespace Contests.Core.Programmes;

/// <summary>The funded programme that runs contests (e.g. Sierra Sur), with its local offices.</summary>
public sealed class Programme
{
    public const int NameMaxLength = 160;
    public const int FunderMaxLength = 160;

    private readonly List<LocalOffice> _offices = [];

    private Programme(string name, string funder)
    {
        Name = name;
        Funder = funder;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string Funder { get; private set; }

    /// <summary>Prizes are paid in soles; the column exists so reports and bank files never assume it.</summary>
    public string Currency { get; private set; } = Money.CurrencyCode;

    public IReadOnlyCollection<LocalOffice> Offices => _offices.AsReadOnly();

    public static Programme Create(string name, string funder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(funder);
        return new Programme(name.Trim(), funder.Trim());
    }

    public void Update(string name, string funder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(funder);
        Name = name.Trim();
        Funder = funder.Trim();
    }

    public Result AddOffice(string name, string city, string chiefName)
    {
        var key = Text.Key(name);
        if (_offices.Exists(o => Text.Key(o.Name) == key))
        {
            return Result.Fail(new DomainError("Office.Duplicate", "Name", name));
        }
        _offices.Add(new LocalOffice(name.Trim(), city.Trim(), chiefName.Trim()));
        return Result.Success();
    }
}

/// <summary>
/// A local office (oficina local) of the programme: runs rounds in its area; its chief signs the
/// donation contracts for the project and its actas are numbered in sequence.
/// </summary>
public sealed class LocalOffice
{
    public const int NameMaxLength = 120;
    public const int CityMaxLength = 80;
    public const int ChiefNameMaxLength = 160;

    internal LocalOffice(string name, string city, string chiefName)
    {
        Name = name;
        City = city;
        ChiefName = chiefName;
    }

    public int Id { get; private set; }

    public int ProgrammeId { get; private set; }

    public string Name { get; private set; }

    public string City { get; private set; }

    /// <summary>Jefe de la oficina local: represents the project in contracts.</summary>
    public string ChiefName { get; private set; }

    public void Update(string name, string city, string chiefName)
    {
        Name = name.Trim();
        City = city.Trim();
        ChiefName = chiefName.Trim();
    }
}
