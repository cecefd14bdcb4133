namespace Contests.Web.Infrastructure.Mvc;

/// <summary>Page numbers for lists: what every paged query and the <c>_Pager</c> partial agree on.</summary>
public static class Paging
{
    /// <summary>The requested page kept between 1 and the last page (page 1 when the list is empty).</summary>
    public static int Clamp(int page, int total, int pageSize) =>
        Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
}
