using Contests.Core.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Localization;

namespace Contests.Web.Infrastructure.Mvc;

/// <summary>
/// The edge's refusal: before anything is bound, every form field and query value is read with
/// <see cref="InputText.Refusal"/>; a NUL, a control character, a bidirectional override, a lone
/// surrogate or a noncharacter in any of them — whatever the field's type, whether or not an action
/// binds it — answers 400 with a page naming each field and the character, and the action never runs,
/// so nothing is written. (Runs after authorization and the antiforgery check.)
/// </summary>
public sealed class RefuseUnreadableText(IStringLocalizer<SharedResource> localizer, IModelMetadataProvider metadata) : IAsyncResourceFilter
{
    public const string ViewName = "RefusedInput";

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var values = request.Query.Select(q => (q.Key, q.Value));
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            values = values.Concat(form.Select(f => (f.Key, f.Value)));
        }
        if (context.HttpContext.Items[UnreadableFormFields.ItemKey] is List<(string Key, string Value)> unreadable)
        {
            values = values.Concat(unreadable.Select(u => (u.Key, new Microsoft.Extensions.Primitives.StringValues(u.Value))));
        }
        var refused = new ModelStateDictionary();
        foreach (var (key, value) in values)
        {
            var error = InputText.Refusal(key, key) ?? value.Select(v => v is null ? null : InputText.Refusal(v, key)).FirstOrDefault(e => e is not null);
            if (error is not null)
            {
                refused.AddModelError(key, ModelStateExtensions.Localize(error, localizer, _ => LabelOf(key)));
            }
        }
        if (refused.ErrorCount == 0)
        {
            await next();
            return;
        }
        context.Result = new ViewResult
        {
            ViewName = ViewName,
            StatusCode = StatusCodes.Status400BadRequest,
            ViewData = new ViewDataDictionary(metadata, refused) { Model = refused.Keys.ToList() },
        };
    }

    /// <summary>The field's label ("Session.Place" → the label of Place), or its name when it has none.</summary>
    private string LabelOf(string key)
    {
        var name = key[(key.LastIndexOf('.') + 1)..];
        var bracket = name.IndexOf('[', StringComparison.Ordinal);
        name = bracket > 0 ? name[..bracket] : name;
        var label = localizer["Field." + name];
        return label.ResourceNotFound ? Sanitized(key) : label.Value;
    }

    // A key is typed by whoever posts: shown without the characters that were refused.
    private static string Sanitized(string key) => string.Concat(key.Where(c => !char.IsControl(c) && !char.IsSurrogate(c)));
}
