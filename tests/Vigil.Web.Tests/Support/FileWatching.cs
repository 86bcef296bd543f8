using System.Runtime.CompilerServices;

namespace Vigil.Web.Tests.Support;

/// <summary>
/// Every host these tests start (the platform, the loopback registry) watches its configuration files, and each watcher
/// takes one of the user's inotify instances, of which Linux allows 128 by default: with the suite's hosts running in
/// parallel, starting one more failed. Polling watchers take none, and no test edits a configuration file.
/// </summary>
internal static class FileWatching
{
#pragma warning disable CA2255 // A test assembly, not a library: the setting must precede the first host of any test.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UsePolling() => Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
