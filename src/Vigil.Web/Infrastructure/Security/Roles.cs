namespace Vigil.Web.Infrastructure.Security;

/// <summary>The platform's roles (issue 4). Triagers and administrators must use a second factor.</summary>
public static class Roles
{
    public const string Reporter = "reporter";
    public const string Maintainer = "maintainer";
    public const string Triager = "triager";
    public const string Administrator = "administrator";

    /// <summary>Every role, in order of power.</summary>
    public static readonly IReadOnlyList<string> All = [Reporter, Maintainer, Triager, Administrator];

    /// <summary>The roles that cannot reach anything but enrolment until two-factor sign-in is on.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [Triager, Administrator];
}
