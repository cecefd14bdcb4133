namespace Contests.Web.Infrastructure.Auditing;

/// <summary>Who is making the change being saved.</summary>
public interface IAuditActor
{
    int? UserId { get; }

    string Name { get; }
}
