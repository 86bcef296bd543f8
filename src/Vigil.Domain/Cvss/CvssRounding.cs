namespace Vigil.Domain.Cvss;

/// <summary>The rounding functions of the CVSS specifications. Scores are built from whole tenths, so they always print with one decimal.</summary>
internal static class CvssRounding
{
    /// <summary>The score of <paramref name="tenths"/> tenths, with exactly one decimal place (so 100 prints as 10.0).</summary>
    public static decimal FromTenths(int tenths) => new(tenths, 0, 0, false, 1);

    /// <summary>
    /// CVSS v3.0 Roundup: "the smallest number, specified to one decimal place, that is equal to or higher than its input".
    /// Exact, because the input is computed in decimal arithmetic.
    /// </summary>
    public static decimal RoundupV30(decimal input) => FromTenths((int)decimal.Ceiling(input * 10m));

    /// <summary>
    /// CVSS v3.1 Roundup (specification Appendix A): round the input to the nearest 0.00001 first, then round up
    /// to one decimal place using integer arithmetic only.
    /// </summary>
    public static decimal RoundupV31(decimal input)
    {
        var intInput = (long)decimal.Round(input * 100_000m, MidpointRounding.AwayFromZero);
        var tenths = intInput % 10_000 == 0 ? intInput / 10_000 : (intInput / 10_000) + 1;
        return FromTenths((int)tenths);
    }

    /// <summary><paramref name="value"/> raised to the non-negative whole <paramref name="exponent"/>, by repeated multiplication.</summary>
    public static decimal Power(decimal value, int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= value;
        }

        return result;
    }
}
