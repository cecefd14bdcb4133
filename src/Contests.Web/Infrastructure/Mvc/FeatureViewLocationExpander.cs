using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Contests.Web.Infrastructure.Mvc;

/// <summary>
/// Views live beside their controller: <c>Features/&lt;Feature&gt;/Views/&lt;View&gt;.cshtml</c>, where the
/// feature is the last segment of the controller's namespace; shared views in <c>Features/Shared/Views</c>.
/// </summary>
internal sealed class FeatureViewLocationExpander : IViewLocationExpander
{
    private const string Key = "feature";

    public void PopulateValues(ViewLocationExpanderContext context)
    {
        if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action)
        {
            var ns = action.ControllerTypeInfo.Namespace ?? string.Empty;
            context.Values[Key] = ns[(ns.LastIndexOf('.') + 1)..];
        }
    }

    public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations)
    {
        var locations = new List<string>();
        if (context.Values.TryGetValue(Key, out var feature) && feature is not null)
        {
            locations.Add($"/Features/{feature}/Views/{{0}}.cshtml");
        }
        locations.Add("/Features/Shared/Views/{0}.cshtml");
        return locations;
    }
}
