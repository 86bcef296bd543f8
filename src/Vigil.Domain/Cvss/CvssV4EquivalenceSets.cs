using static Vigil.Domain.Cvss.CvssV4Metrics;

namespace Vigil.Domain.Cvss;

/// <summary>The levels of the six CVSS v4.0 equivalence sets (specification Tables 24 to 29), which name a MacroVector.</summary>
internal readonly record struct CvssV4EquivalenceSets(int Eq1, int Eq2, int Eq3, int Eq4, int Eq5, int Eq6)
{
    /// <summary>The MacroVector of the effective metric values.</summary>
    public static CvssV4EquivalenceSets Of(CvssV4EffectiveMetrics m)
    {
        char av = m.Base(AV), pr = m.Base(PR), ui = m.Base(UI);
        var eq1 = (av, pr, ui) switch
        {
            ('N', 'N', 'N') => 0,
            _ when av != 'P' && (av == 'N' || pr == 'N' || ui == 'N') => 1,
            _ => 2,
        };

        var eq2 = m.Base(AC) == 'L' && m.Base(AT) == 'N' ? 0 : 1;

        char vc = m.Base(VC), vi = m.Base(VI), va = m.Base(VA);
        var eq3 = vc == 'H' && vi == 'H' ? 0 : vc == 'H' || vi == 'H' || va == 'H' ? 1 : 2;

        char si = m.Base(SI), sa = m.Base(SA);
        var eq4 = si == 'S' || sa == 'S' ? 0 : m.Base(SC) == 'H' || si == 'H' || sa == 'H' ? 1 : 2;

        var eq5 = m.ExploitMaturity switch
        {
            'A' => 0,
            'P' => 1,
            _ => 2,
        };

        var eq6 = (m.Requirement(CR) == 'H' && vc == 'H') || (m.Requirement(IR) == 'H' && vi == 'H')
            || (m.Requirement(AR) == 'H' && va == 'H') ? 0 : 1;

        return new CvssV4EquivalenceSets(eq1, eq2, eq3, eq4, eq5, eq6);
    }
}
