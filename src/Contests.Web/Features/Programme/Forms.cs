using System.ComponentModel.DataAnnotations;
using Contests.Core.Programmes;

namespace Contests.Web.Features.Programme;

public sealed class ProgrammeForm
{
    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Funder")]
    public string? Funder { get; set; }
}

public sealed class OfficeForm
{
    [Display(Name = "Field.OfficeName")]
    public string? OfficeName { get; set; }

    [Display(Name = "Field.City")]
    public string? City { get; set; }

    [Display(Name = "Field.ChiefName")]
    public string? ChiefName { get; set; }
}

public sealed class FundingSourceForm
{
    public int? Id { get; set; }

    [Display(Name = "Field.Name")]
    public string? Name { get; set; }

    [Display(Name = "Field.Kind")]
    public FundingSourceKind? Kind { get; set; }

    [Display(Name = "Field.Committed")]
    public string? Committed { get; set; }

    [Display(Name = "Field.Themes")]
    public List<Theme> Themes { get; set; } = [];

    [Display(Name = "Field.Districts")]
    public List<string> Districts { get; set; } = [];
}

public sealed class AdjustmentForm
{
    [Display(Name = "Field.MovementKind")]
    public FundingMovementKind Kind { get; set; }

    [Display(Name = "Field.Amount")]
    public string? Amount { get; set; }

    [Display(Name = "Field.Reason")]
    public string? Reason { get; set; }
}
