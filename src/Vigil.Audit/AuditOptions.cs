using Vigil.Audit.Ignoring;

namespace Vigil.Audit;

/// <summary>How to audit.</summary>
/// <param name="OmitDev">Leave out packages only development dependencies bring in (<c>--omit dev</c>).</param>
/// <param name="OmitOptional">Leave out packages only optional dependencies bring in (<c>--omit optional</c>).</param>
/// <param name="OmitPeer">Leave out packages only peer dependencies bring in (<c>--omit peer</c>).</param>
/// <param name="Ignore">Findings the project has judged not to apply.</param>
/// <param name="Today">The day, for ignore entries that expire.</param>
public sealed record AuditOptions(bool OmitDev, bool OmitOptional, bool OmitPeer, IgnoreList Ignore, DateOnly Today);
