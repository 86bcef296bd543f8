using System.Runtime.CompilerServices;

namespace Vigil.Domain.Osv.Serialization;

/// <summary>The exact schema spellings of the OSV enumerations, both ways. Matching is ordinal (case-sensitive).</summary>
internal static class OsvSpelling
{
    /// <summary>The schema spelling of a known value, or null for <c>Unknown</c> and undefined values.</summary>
    public static string? ToText<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        if (typeof(TEnum) == typeof(OsvSeverityType))
        {
            return Unsafe.As<TEnum, OsvSeverityType>(ref value) switch
            {
                OsvSeverityType.CvssV2 => "CVSS_V2",
                OsvSeverityType.CvssV3 => "CVSS_V3",
                OsvSeverityType.CvssV4 => "CVSS_V4",
                OsvSeverityType.Ubuntu => "Ubuntu",
                _ => null,
            };
        }

        if (typeof(TEnum) == typeof(OsvRangeType))
        {
            return Unsafe.As<TEnum, OsvRangeType>(ref value) switch
            {
                OsvRangeType.Git => "GIT",
                OsvRangeType.Semver => "SEMVER",
                OsvRangeType.Ecosystem => "ECOSYSTEM",
                _ => null,
            };
        }

        if (typeof(TEnum) == typeof(OsvEventKind))
        {
            return Unsafe.As<TEnum, OsvEventKind>(ref value) switch
            {
                OsvEventKind.Introduced => "introduced",
                OsvEventKind.Fixed => "fixed",
                OsvEventKind.LastAffected => "last_affected",
                OsvEventKind.Limit => "limit",
                _ => null,
            };
        }

        if (typeof(TEnum) == typeof(OsvReferenceType))
        {
            return Unsafe.As<TEnum, OsvReferenceType>(ref value) switch
            {
                OsvReferenceType.Advisory => "ADVISORY",
                OsvReferenceType.Article => "ARTICLE",
                OsvReferenceType.Detection => "DETECTION",
                OsvReferenceType.Discussion => "DISCUSSION",
                OsvReferenceType.Report => "REPORT",
                OsvReferenceType.Fix => "FIX",
                OsvReferenceType.Introduced => "INTRODUCED",
                OsvReferenceType.Git => "GIT",
                OsvReferenceType.Package => "PACKAGE",
                OsvReferenceType.Evidence => "EVIDENCE",
                OsvReferenceType.Web => "WEB",
                _ => null,
            };
        }

        if (typeof(TEnum) == typeof(OsvCreditType))
        {
            return Unsafe.As<TEnum, OsvCreditType>(ref value) switch
            {
                OsvCreditType.Finder => "FINDER",
                OsvCreditType.Reporter => "REPORTER",
                OsvCreditType.Analyst => "ANALYST",
                OsvCreditType.Coordinator => "COORDINATOR",
                OsvCreditType.RemediationDeveloper => "REMEDIATION_DEVELOPER",
                OsvCreditType.RemediationReviewer => "REMEDIATION_REVIEWER",
                OsvCreditType.RemediationVerifier => "REMEDIATION_VERIFIER",
                OsvCreditType.Tool => "TOOL",
                OsvCreditType.Sponsor => "SPONSOR",
                OsvCreditType.Other => "OTHER",
                _ => null,
            };
        }

        throw new NotSupportedException($"{typeof(TEnum).Name} is not an OSV enumeration.");
    }

    /// <summary>The known value spelled <paramref name="text"/>, or <c>Unknown</c> (the default) when none is.</summary>
    public static TEnum FromText<TEnum>(string text)
        where TEnum : struct, Enum
    {
        foreach (var value in Values<TEnum>())
        {
            if (string.Equals(ToText(value), text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return default;
    }

    /// <summary>Every known (non-<c>Unknown</c>) value of an OSV enumeration, in declaration order.</summary>
    public static ReadOnlySpan<TEnum> Values<TEnum>()
        where TEnum : struct, Enum => KnownValues<TEnum>.All;

    private static class KnownValues<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly TEnum[] All = Collect();

        private static TEnum[] Collect()
        {
            // The enumerations are dense from 1; stop at the first value without a spelling.
            var values = new List<TEnum>();
            for (var i = 1; ; i++)
            {
                var value = Unsafe.As<int, TEnum>(ref i);
                if (ToText(value) is null)
                {
                    return [.. values];
                }

                values.Add(value);
            }
        }
    }
}
