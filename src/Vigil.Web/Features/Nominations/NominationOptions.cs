namespace Vigil.Web.Features.Nominations;

/// <summary>The nominations' settings (<c>Vigil:Nominations</c>).</summary>
public sealed class NominationOptions
{
    /// <summary>The code of conduct a nominee accepts on the onboarding checklist.</summary>
    public string CodeOfConductUrl { get; set; } = "https://github.com/nodejs/admin/blob/main/CODE_OF_CONDUCT.md";
}
