using Vigil.Advisories.Nswg;
using Vigil.Advisories.Nswg.Conversion;
using Vigil.Domain.NodeReleases;
using Vigil.Domain.Osv;
using Vigil.Testing;

namespace Vigil.Audit.Tests.Runtime;

/// <summary>The WG's core records as OSV, and the real release schedule, from the shared data.</summary>
internal static class WorkingGroupCore
{
    public static string Folder => Path.Combine(SharedData.NodejsSecurityWg, "core");

    public static IReadOnlyList<OsvRecord> Records { get; } = [.. NswgPath.EnumerateRecordFiles(SharedData.NodejsSecurityWg)
        .Where(f => NswgPath.TryGetKind(f, out var kind) && kind == NswgKind.Core)
        .Select(f => NswgToOsv.Convert(NswgReader.Read(f).Record!, NswgPath.FileNumber(f)!.Value, OsvTimestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch)).Record!)];

    public static ReleaseSchedule Schedule { get; } = ReleaseSchedule.TryParse(
        File.ReadAllBytes(Path.Combine(SharedData.Root, "data", "nodejs-release", "schedule.json")), out var schedule, out _)
        ? schedule
        : throw new InvalidOperationException("The shared schedule.json does not read.");
}
