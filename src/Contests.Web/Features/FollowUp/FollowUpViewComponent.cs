using Contests.Core.Rounds;
using Microsoft.AspNetCore.Mvc;

namespace Contests.Web.Features.FollowUp;

/// <summary>The entry page's follow-up section (its visits and what they show), kept in this feature.</summary>
public sealed record FollowUpSection(ContestRound Round, Entry Entry, EntryFollowUp FollowUp);

public sealed class FollowUpViewComponent(FollowUpVisits visits) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(ContestRound round, Entry entry) =>
        View("~/Features/FollowUp/Views/_Visits.cshtml", new FollowUpSection(round, entry, await visits.ForEntryAsync(entry, HttpContext.RequestAborted)));
}
