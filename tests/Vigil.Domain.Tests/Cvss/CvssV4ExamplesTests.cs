using Vigil.Domain.Cvss;

namespace Vigil.Domain.Tests.Cvss;

/// <summary>
/// The vulnerabilities of FIRST's "CVSS v4.0 Examples" document and the qualitative severity it gives each
/// (as transcribed, November 2023, by a public test suite that checks severities only).
/// </summary>
public sealed class CvssV4ExamplesTests
{
    [Theory]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CvssSeverity.High)] // CVE-2022-41741
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:P/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", CvssSeverity.High)] // CVE-2020-3549
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N", CvssSeverity.High)] // CVE-2023-3089
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:A/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N", CvssSeverity.Medium)] // CVE-2021-44714
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:A/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", CvssSeverity.Medium)] // CVE-2022-21830
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:L/SI:L/SA:N", CvssSeverity.Medium)] // CVE-2022-22186
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:N/VI:N/VA:N/SC:H/SI:N/SA:N", CvssSeverity.Medium)] // CVE-2023-21989
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", CvssSeverity.Critical)] // CVE-2020-3947
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:H/SA:N/S:P/V:D", CvssSeverity.High)] // CVE-2023-30560
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N/E:A", CvssSeverity.High)] // CVE-2014-0160 Heartbleed
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A", CvssSeverity.Critical)] // CVE-2021-44228 Log4Shell
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A", CvssSeverity.Critical)] // CVE-2014-6271 Shellshock
    [InlineData("CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:H/SI:N/SA:H", CvssSeverity.Medium)] // CVE-2013-6014
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:N/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I", CvssSeverity.Critical)] // CVE-2016-5729
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:H/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/R:I", CvssSeverity.High)] // CVE-2015-2890
    [InlineData("CVSS:4.0/AV:P/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", CvssSeverity.High)] // CVE-2018-3652
    public void First_examples_have_the_documented_severity(string text, CvssSeverity severity) =>
        Assert.Equal(severity, CvssVector.Parse(text).Scores.Severity);
}
