using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Contests.Web.Infrastructure.Mvc;

/// <summary>
/// Every string an action binds (a form field, a query value, an element of a list) goes through here
/// and comes out composed (NFC): "Ñaupari" typed as "N" + combining tilde is the same name as with "Ñ".
/// What cannot be composed was refused before binding (<see cref="RefuseUnreadableText"/>).
/// </summary>
public sealed class NormalizedStringBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Metadata.ModelType == typeof(string) && !context.Metadata.IsComplexType
            ? new NormalizedStringBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;
    }

    private sealed class NormalizedStringBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text } && !IsComposed(text))
            {
                bindingContext.Result = ModelBindingResult.Success(text.Normalize(NormalizationForm.FormC));
            }
        }

        // A string that is not valid Unicode can't be composed: it is left as it is for the rules to refuse.
        private static bool IsComposed(string text) =>
            Core.Common.InputText.Refusal(text, string.Empty) is not null || text.IsNormalized(NormalizationForm.FormC);
    }
}
