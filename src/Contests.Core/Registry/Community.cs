using Contests.Core.Common;

namespace Contests.Core.Registry;

/// <summary>What an officer types for a community (a form or an import row), before it is checked.</summary>
public sealed record CommunityInput
{
    public string? Name { get; init; }

    public string? Ubigeo { get; init; }

    public string? RegistryNumber { get; init; }
}

/// <summary>A community's checked data. The district's existence is the caller's to check (it needs the database).</summary>
public sealed record CommunityDetails(string Name, Ubigeo District, string? RegistryNumber)
{
    public const int NameMaxLength = 120;
    public const int RegistryNumberMaxLength = 30;

    public static CommunityDetails? Parse(CommunityInput input, ICollection<DomainError> errors)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(errors);
        var before = errors.Count;
        var name = Text.Name(input.Name, NameMaxLength, nameof(input.Name), required: true, errors);
        var ubigeo = Registry.Ubigeo.TryParse(input.Ubigeo, nameof(input.Ubigeo), out var error);
        if (error is not null)
        {
            errors.Add(error);
        }
        var registry = Text.Optional(input.RegistryNumber, RegistryNumberMaxLength, nameof(input.RegistryNumber), errors);
        return errors.Count > before ? null : new CommunityDetails(name!, ubigeo!, registry);
    }
}

/// <summary>
/// A comunidad campesina: a legal person in one district. It competes in watershed-level rounds and
/// its households compete among themselves; it can hold a bank account.
/// </summary>
public sealed class Community
{
    private Community(string name, string districtUbigeo, string? registryNumber, DateTime createdUtc)
    {
        Name = name;
        NameKey = Text.Key(name);
        DistrictUbigeo = districtUbigeo;
        RegistryNumber = registryNumber;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The name as compared for duplicates within a district (see <see cref="Text.Key"/>).</summary>
    public string NameKey { get; private set; }

    public string DistrictUbigeo { get; private set; }

    /// <summary>Partida electrónica in the public registry (SUNARP), when known.</summary>
    public string? RegistryNumber { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>The import this community came from, if it was imported.</summary>
    public int? ImportId { get; private set; }

    public static Community Create(CommunityDetails details, DateTime nowUtc, int? importId = null)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new Community(details.Name, details.District.Value, details.RegistryNumber, nowUtc) { ImportId = importId };
    }

    public void Update(CommunityDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        Name = details.Name;
        NameKey = Text.Key(details.Name);
        DistrictUbigeo = details.District.Value;
        RegistryNumber = details.RegistryNumber;
    }
}

/// <summary>
/// A microcuenca: the communities that share one water catchment, possibly across districts. In
/// community-level rounds the communities of one watershed compete with each other.
/// </summary>
public sealed class Watershed
{
    public const int NameMaxLength = 120;

    private readonly List<WatershedCommunity> _communities = [];

    private Watershed(string name, DateTime createdUtc)
    {
        Name = name;
        NameKey = Text.Key(name);
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    public string NameKey { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public IReadOnlyCollection<WatershedCommunity> Communities => _communities.AsReadOnly();

    public static Watershed Create(string name, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new Watershed(name.Trim(), nowUtc);
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
        NameKey = Text.Key(Name);
    }

    /// <summary>Sets exactly which communities belong (adds the new ones, removes the others).</summary>
    public void SetCommunities(IEnumerable<int> communityIds)
    {
        ArgumentNullException.ThrowIfNull(communityIds);
        var wanted = communityIds.ToHashSet();
        _communities.RemoveAll(c => !wanted.Contains(c.CommunityId));
        foreach (var id in wanted.Where(w => !_communities.Exists(c => c.CommunityId == w)).Order())
        {
            _communities.Add(new WatershedCommunity(id));
        }
    }

    public bool Contains(int communityId) => _communities.Exists(c => c.CommunityId == communityId);
}

/// <summary>One community's membership of a watershed.</summary>
public sealed class WatershedCommunity
{
    internal WatershedCommunity(int communityId) => CommunityId = communityId;

    public int WatershedId { get; private set; }

    public int CommunityId { get; private set; }
}
