using System.Globalization;
using Contests.Core.Documents;
using Contests.Web.Infrastructure.Localization;

namespace Contests.Web.Features.Documents;

/// <summary>A stored fact's value as the verification page shows it, in the reader's language.</summary>
public static class DocumentFacts
{
    public static string Show(DocumentFact fact)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return fact.Format switch
        {
            FactFormat.Money => Display.Money(decimal.Parse(fact.Value, CultureInfo.InvariantCulture)),
            FactFormat.Number => Display.Points(decimal.Parse(fact.Value, CultureInfo.InvariantCulture)),
            FactFormat.Date => Display.Date(DateOnly.ParseExact(fact.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => fact.Value,
        };
    }
}
