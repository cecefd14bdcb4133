using System.Runtime.CompilerServices;

namespace Contests.Web.Tests.Infrastructure;

/// <summary>
/// Test hosts must not watch files. Every host that reloads configuration on change takes an inotify
/// instance, and a default Linux allows 128 per user: a suite with many hosts fails on such a machine with
/// "The configured user limit (128) on the number of inotify instances has been reached". Set before any host
/// is built (and inherited by the app processes some tests start).
/// </summary>
internal static class NoFileWatching
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
    }

    /// <summary>How many inotify instances this process holds (Linux: descriptors linked to anon_inode:inotify).</summary>
    public static int InotifyInstances()
    {
        var count = 0;
        foreach (var fd in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget == "anon_inode:inotify")
                {
                    count++;
                }
            }
            catch (IOException)
            {
                // The descriptor was closed while we looked.
            }
        }
        return count;
    }
}
