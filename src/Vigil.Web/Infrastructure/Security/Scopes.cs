namespace Vigil.Web.Infrastructure.Security;

/// <summary>What a personal API token may do. A cookie session (a person at a browser) has every scope.</summary>
public static class Scopes
{
    public const string AccountRead = "account:read";
    public const string ReportsRead = "reports:read";
    public const string ReportsWrite = "reports:write";
    public const string AdvisoriesWrite = "advisories:write";

    /// <summary>The claim type that carries a token's scopes, one claim each.</summary>
    public const string ClaimType = "scope";

    /// <summary>Every scope a token can have.</summary>
    public static readonly IReadOnlyList<string> All = [AccountRead, ReportsRead, ReportsWrite, AdvisoriesWrite];

    /// <summary>The authorization policy name for a scope: <c>scope:reports:read</c>.</summary>
    public static string Policy(string scope) => "scope:" + scope;
}
