namespace Contests.Core.Common;

/// <summary>
/// A person's name as the register keeps it — surnames first, then a comma, for sorting lists
/// ("Cusi Layme, Felicitas") — and as a certificate or a letter addresses them ("Felicitas Cusi Layme").
/// </summary>
public static class PersonName
{
    /// <summary>
    /// "Cusi Layme, Felicitas" becomes "Felicitas Cusi Layme". A name without exactly one comma (already
    /// given-name-first, or not a person's) comes back as it is, spaces tidied.
    /// </summary>
    public static string GivenFirst(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split(',');
        if (parts.Length != 2)
        {
            return name.Trim();
        }
        var (surnames, given) = (parts[0].Trim(), parts[1].Trim());
        return surnames.Length == 0 || given.Length == 0 ? name.Trim() : $"{given} {surnames}";
    }
}
