using System.Security.Cryptography;
using System.Text;
using Vigil.Disclosure.AuditTrail;

namespace Vigil.Disclosure.Tests.AuditTrail;

/// <summary>The audit log's hash chain finds the first edited, removed, inserted or reordered entry.</summary>
public class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static List<AuditEntry> Log(int count)
    {
        var log = new List<AuditEntry>();
        for (int i = 0; i < count; i++)
        {
            var time = Start.AddMinutes(i);
            log.Add(i % 2 == 0
                ? AuditChain.ReportRead(log.LastOrDefault(), time, "tom", "r" + i)
                : AuditChain.Append(log.LastOrDefault(), time, "alice", AuditActions.ReportTransition, "r" + i, "Accept"));
        }

        return log;
    }

    [Fact]
    public void A_log_made_by_appending_is_intact_and_records_reads()
    {
        var log = Log(6);

        Assert.Equal(AuditVerification.Intact, AuditVerifier.Verify(log));
        Assert.Equal(AuditCanonical.GenesisHash, log[0].PreviousHash);
        Assert.Equal(AuditActions.ReportRead, log[0].Action);
        Assert.Equal(Enumerable.Range(1, 6).Select(i => (long)i), log.Select(e => e.Sequence));
        Assert.Equal(AuditVerification.Intact, AuditVerifier.Verify([]));
    }

    [Fact]
    public void The_hash_is_sha256_over_the_previous_hash_and_the_length_prefixed_fields()
    {
        var entry = AuditChain.Append(null, Start, "tom", "report.read", "r1", "é");

        string canonical = "14:vigil-audit-v1\n1:1\n28:2026-11-02T09:00:00.0000000Z\n3:tom\n11:report.read\n2:r1\n2:é\n";
        byte[] expected = SHA256.HashData([.. new byte[32], .. Encoding.UTF8.GetBytes(canonical)]);
        Assert.Equal(Convert.ToHexStringLower(expected), entry.Hash);
    }

    [Fact]
    public void Fields_cannot_be_shifted_from_one_to_the_next()
    {
        var a = AuditChain.Append(null, Start, "ab", "c", "s", "d");
        var b = AuditChain.Append(null, Start, "a", "bc", "s", "d");
        var c = AuditChain.Append(null, Start, "a", "b", "c:s\n", string.Empty);

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash, c.Hash);
    }

    [Fact]
    public void Times_are_kept_in_utc_so_the_same_instant_hashes_alike()
    {
        var utc = AuditChain.Append(null, Start, "tom", "x", "s", "d");
        var local = AuditChain.Append(null, Start.ToOffset(TimeSpan.FromHours(2)), "tom", "x", "s", "d");

        Assert.Equal(utc.Hash, local.Hash);
        Assert.NotEqual(utc.Hash, AuditChain.Append(null, Start.AddTicks(1), "tom", "x", "s", "d").Hash);
    }

    public static TheoryData<string> Fields() => ["time", "actor", "action", "subject", "detail", "sequence"];

    [Theory]
    [MemberData(nameof(Fields))]
    public void An_edited_entry_is_found(string field)
    {
        var log = Log(6);
        var e = log[3];
        log[3] = field switch
        {
            "time" => e with { Time = e.Time.AddSeconds(1) },
            "actor" => e with { Actor = "mallory" },
            "action" => e with { Action = "report.submitted" },
            "subject" => e with { Subject = "r9" },
            "detail" => e with { Detail = "Reject" },
            _ => e with { Sequence = 9 },
        };

        var result = AuditVerifier.Verify(log);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstBadIndex);
    }

    [Fact]
    public void An_entry_rehashed_after_editing_breaks_the_link_of_the_next()
    {
        var log = Log(6);
        var e = log[2] with { Actor = "mallory" };
        log[2] = e with { Hash = AuditCanonical.Hash(e) };

        var result = AuditVerifier.Verify(log);

        Assert.Equal(3, result.FirstBadIndex);
        Assert.Contains("does not link", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_removed_entry_is_found()
    {
        var log = Log(6);
        log.RemoveAt(2);

        Assert.Equal(2, AuditVerifier.Verify(log).FirstBadIndex);
    }

    [Fact]
    public void Reordered_entries_are_found()
    {
        var log = Log(6);
        (log[3], log[4]) = (log[4], log[3]);

        Assert.Equal(3, AuditVerifier.Verify(log).FirstBadIndex);
    }

    [Fact]
    public void A_forged_hash_is_found()
    {
        var log = Log(3);
        log[1] = log[1] with { Hash = "not hex" };

        Assert.Equal(1, AuditVerifier.Verify(log).FirstBadIndex);
    }

    [Fact]
    public void Entries_cut_from_the_end_are_found_against_a_recorded_head()
    {
        var log = Log(6);
        var head = log[^1];
        log.RemoveRange(4, 2);

        Assert.True(AuditVerifier.Verify(log).IsIntact);
        var result = AuditVerifier.Verify(log, head);
        Assert.False(result.IsIntact);
        Assert.Equal(4, result.FirstBadIndex);
        Assert.True(AuditVerifier.Verify(Log(6), head).IsIntact);
    }
}
