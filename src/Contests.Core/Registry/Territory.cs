namespace Contests.Core.Registry;

/// <summary>A department (región), identified by the first two digits of its districts' UBIGEO.</summary>
public sealed class Department
{
    public const int NameMaxLength = 60;

    public Department(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public string Code { get; private set; }

    public string Name { get; private set; }

    public void Rename(string name) => Name = name;
}

/// <summary>A province, identified by the first four digits of its districts' UBIGEO.</summary>
public sealed class Province
{
    public Province(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public string Code { get; private set; }

    public string DepartmentCode => Code[..2];

    public string Name { get; private set; }

    public void Rename(string name) => Name = name;
}

/// <summary>A district: the smallest unit of the territory, identified by its 6-digit UBIGEO.</summary>
public sealed class District
{
    private District(string ubigeo, string name)
    {
        Ubigeo = ubigeo;
        Name = name;
    }

    public string Ubigeo { get; private set; }

    public string ProvinceCode => Ubigeo[..4];

    public string DepartmentCode => Ubigeo[..2];

    public string Name { get; private set; }

    public static District Create(Ubigeo ubigeo, string name)
    {
        ArgumentNullException.ThrowIfNull(ubigeo);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new District(ubigeo.Value, name.Trim());
    }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }
}
