namespace Vigil.Lockfiles.Text;

/// <summary>Errors that concern a whole file.</summary>
internal static class Errors
{
    public static LockfileError TooLarge(string file, long length) => new(
        file, 0, 0, LockfileErrorKind.TooLarge,
        $"the file is {length:N0} bytes, over the {LockfileLimits.MaxFileBytes:N0}-byte limit for a lockfile (LockfileLimits.MaxFileBytes)");

    public static LockfileError NotFound(string path, string what) => new(path, 0, 0, LockfileErrorKind.NotFound, what);

    public static LockfileError Unreadable(string path, Exception e) => new(path, 0, 0, LockfileErrorKind.Unreadable, "cannot read the file: " + e.Message);
}
