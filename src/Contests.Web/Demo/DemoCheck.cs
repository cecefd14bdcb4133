using Contests.Core.Common;

namespace Contests.Web.Demo;

/// <summary>The demo is built through the domain's own rules: a refusal means the demo data is wrong, and seeding stops.</summary>
internal static class DemoCheck
{
    public static void Must(Result result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo data broke a rule: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    public static T Must<T>(T? value) where T : class => value ?? throw new InvalidOperationException("Demo data broke a rule.");
}
