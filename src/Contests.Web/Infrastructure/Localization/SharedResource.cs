// The marker type of the UI's one resource file set (Resources/SharedResource*.resx).
// It stays in the root namespace so the localizer finds Contests.Web.Resources.SharedResource.
#pragma warning disable IDE0130
namespace Contests.Web;
#pragma warning restore IDE0130

public sealed class SharedResource;
