using Vigil.Disclosure.Publication;

namespace Vigil.Disclosure.Tests.Publication;

public class CveAssignmentTests
{
    [Fact]
    public void The_first_unused_reserved_id_is_taken_in_pool_order()
    {
        var taken = CveAssignment.Take(["CVE-2026-1001", "CVE-2026-1002", "CVE-2026-1003"], ["CVE-2026-1001"]);

        Assert.Equal("CVE-2026-1002", taken.CveId);
        Assert.False(taken.IsRequested);
    }

    [Fact]
    public void An_exhausted_pool_marks_the_cve_requested()
    {
        var taken = CveAssignment.Take(["CVE-2026-1001"], ["CVE-2026-1001"]);

        Assert.True(taken.IsRequested);
        Assert.Equal("requested", taken.ToString());
        Assert.True(CveAssignment.Take([], []).IsRequested);
    }

    [Theory]
    [InlineData("CVE-2026-123")]
    [InlineData("cve-2026-1234")]
    [InlineData("CVE-26-1234")]
    [InlineData("CVE-2026-12345678901234567890")]
    public void A_pool_with_something_else_than_cve_ids_is_refused(string id) =>
        Assert.Throws<ArgumentException>(() => CveAssignment.Take([id], []));

    [Fact]
    public void Long_cve_numbers_are_ids() => Assert.True(CveAssignment.IsCveId("CVE-2026-104286"));
}
