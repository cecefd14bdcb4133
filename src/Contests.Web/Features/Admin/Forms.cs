using System.ComponentModel.DataAnnotations;
using Contests.Core.Accounts;

namespace Contests.Web.Features.Admin;

public sealed class CreateUserForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(Core.Accounts.UserName.MaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.UserName")]
    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(User.DisplayNameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    [Display(Name = "Field.Roles")]
    public List<Role> Roles { get; set; } = [];

    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.InitialPassword")]
    public string Password { get; set; } = string.Empty;
}

public sealed class EditUserForm
{
    public int Id { get; set; }

    public string UserName { get; set; } = string.Empty;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(User.DisplayNameMaxLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = string.Empty;

    [Display(Name = "Field.Roles")]
    public List<Role> Roles { get; set; } = [];

    [Display(Name = "Field.IsActive")]
    public bool IsActive { get; set; }

    public DateTime? LockoutEndUtc { get; set; }
}

public sealed class SetPasswordForm
{
    [Required(ErrorMessage = "Validation.Required")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string Password { get; set; } = string.Empty;
}
