namespace Contests.Web.Infrastructure.Security;

/// <summary>
/// Someone signed in with a one-time password (made by an officer or administrator for them) can do nothing but
/// choose their own password, sign out or switch the language: every other request goes to the change-password page.
/// So whoever made the one-time password cannot use it to act as the person.
/// </summary>
internal static class ForcedPasswordChange
{
    public const string PasswordPage = "/account/password";

    private static readonly PathString[] Allowed = [PasswordPage, "/account/logout", "/account/language", "/error"];

    public static IApplicationBuilder UseForcedPasswordChange(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true && context.User.MustChangePassword()
                && !Array.Exists(Allowed, p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.Redirect(PasswordPage);
                return;
            }
            await next();
        });
}
