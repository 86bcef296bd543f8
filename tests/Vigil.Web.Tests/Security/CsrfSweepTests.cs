using System.Text;
using Microsoft.EntityFrameworkCore;
using Vigil.Web.Tests.Support;
using static Vigil.Web.Tests.Security.Actors;

namespace Vigil.Web.Tests.Security;

/// <summary>
/// The CSRF sweep (issue #4 item 9, ASVS 3.5.1): every state-changing operation the endpoint table lists (POST, PUT,
/// PATCH, DELETE; pages and the API) is sent with a session cookie of someone allowed to use it, once without an
/// anti-forgery token and once with another session's token. Each must be refused with the anti-forgery 400 and leave
/// the database as it was. A new endpoint is swept without any change here (the actor comes from its matrix entry).
/// </summary>
public sealed class CsrfSweepTests
{
    /// <summary>
    /// POSTs that change nothing and read no credential (the npm audit endpoints: clients post a query, no browser
    /// session is involved), so anti-forgery has nothing to protect; <see cref="Read_only_posts_change_nothing_and_answer_without_a_token"/> shows it.
    /// </summary>
    internal static readonly HashSet<string> ReadOnlyPosts = new(StringComparer.Ordinal)
    {
        "POST /-/npm/v1/security/advisories/bulk",
        "POST /-/npm/v1/security/audits/quick",
        "POST /-/npm/v1/security/audits",
        "POST /v1/query",
        "POST /v1/querybatch",
    };

    /// <summary>Whose session tries an operation: the first of these the matrix lets through, else the first it answers 404, else the first it refuses.</summary>
    private static readonly Actors[] Preference = [Reporter, Maintainer, Triager, Admin, Stranger, OtherMaintainer];

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Every_state_change_refuses_a_cookie_request_without_a_valid_anti_forgery_token(string engine)
    {
        var scene = await SecurityScene.CreateAsync(engine);
        using var factory = scene.Factory;
        using var client = scene.Client();
        var changes = (await Operation.AllAsync(factory)).Where(o => o.ChangesState && !ReadOnlyPosts.Contains(o.Key)).ToList();
        Assert.Contains(changes, o => o.IsApi);
        Assert.Contains(changes, o => o.IsPage);

        var problems = new List<string>();
        foreach (var operation in changes)
        {
            Assert.True(AuthorizationMatrixTests.Matrix.TryGetValue(operation.Key, out var entry), $"{operation.Key} has no authorization matrix entry");
            var who = Preference.FirstOrDefault(a => entry.Ok.HasFlag(a)) is var ok and not None ? ok
                : Preference.FirstOrDefault(a => entry.NotFound.HasFlag(a)) is var hidden and not None ? hidden
                // Refused in the handler (the meetings' members-only changes: the scene has no group member): the anti-forgery check comes first.
                : Preference.FirstOrDefault(a => entry.Forbidden.HasFlag(a)) is var refused and not None ? refused
                : Anonymous;
            var actor = scene.Actors[who];
            string foreignToken = scene.Actors[who == Stranger ? Reporter : Stranger].FormToken!;

            string before = await FingerprintAsync(factory);
            foreach (var (label, token) in new[] { ("no token", (string?)null), ("another session's token", foreignToken) })
            {
                var (response, body) = await AuthorizationMatrixTests.SendAsync(scene, client, operation, actor, token);
                var outcome = AuthorizationMatrixTests.Classify(operation, response, body);
                if (outcome != Outcome.CsrfRefused)
                {
                    problems.Add($"{operation.Key} as {who} with {label}: {(int)response.StatusCode} ({outcome}), not the anti-forgery 400");
                }
            }

            string after = await FingerprintAsync(factory);
            if (before != after)
            {
                problems.Add($"{operation.Key} as {who}: the database changed although the request was refused");
            }

            // The probe can tell: with the session's own token, the same request passes the anti-forgery check.
            var (valid, validBody) = await AuthorizationMatrixTests.SendAsync(scene, client, operation, actor, actor.FormToken);
            if (AuthorizationMatrixTests.Classify(operation, valid, validBody) == Outcome.CsrfRefused)
            {
                problems.Add($"{operation.Key} as {who}: refused even with the session's own token");
            }

            // A bearer token carries no ambient credential: the API needs no anti-forgery token from it.
            if (operation.IsApi)
            {
                var (bearer, bearerBody) = await AuthorizationMatrixTests.SendAsync(scene, client, operation, scene.Actors[Token], null);
                if (AuthorizationMatrixTests.Classify(operation, bearer, bearerBody) == Outcome.CsrfRefused)
                {
                    problems.Add($"{operation.Key} with a bearer token: refused for a missing anti-forgery token");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task Read_only_posts_change_nothing_and_answer_without_a_token()
    {
        var scene = await SecurityScene.CreateAsync("sqlite");
        using var factory = scene.Factory;
        using var client = scene.Client();
        var operations = (await Operation.AllAsync(factory)).Select(o => o.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(operations, ReadOnlyPosts);

        string before = await FingerprintAsync(factory);
        foreach (string key in ReadOnlyPosts)
        {
            string path = key["POST ".Length..];
            string body = path switch
            {
                "/v1/query" => """{"package":{"name":"lodash","ecosystem":"npm"},"version":"4.17.4"}""",
                "/v1/querybatch" => """{"queries":[{"package":{"name":"lodash","ecosystem":"npm"},"version":"4.17.4"}]}""",
                _ when path.EndsWith("/bulk", StringComparison.Ordinal) => """{"lodash":["4.17.4"]}""",
                _ => """{"dependencies":{"lodash":{"version":"4.17.4"}}}""",
            };
            using var request = scene.Actors[Reporter].Request(HttpMethod.Post, path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"), null);
            var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{key}: {(int)response.StatusCode}");
            Assert.False(response.Headers.Contains("Set-Cookie"), $"{key} set a cookie");
        }

        Assert.Equal(before, await FingerprintAsync(factory));
    }

    /// <summary>A cheap picture of the database: row counts of every table, the audit log's head, report states and the accounts' security-relevant columns.</summary>
    internal static Task<string> FingerprintAsync(PlatformFactory factory) => factory.QueryAsync(async db =>
    {
        var text = new StringBuilder();
        foreach (string table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            // The table names come from the model, not from input; an identifier cannot be a parameter.
#pragma warning disable EF1003
            long count = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"").SingleAsync();
#pragma warning restore EF1003
            text.Append(table).Append('=').Append(count).Append(';');
        }

        text.Append("audit=").Append(await db.AuditLog.MaxAsync(a => (long?)a.Sequence)).Append(';');
        foreach (var report in await db.Reports.AsNoTracking().OrderBy(r => r.Id).Select(r => new { r.Id, r.State }).ToListAsync())
        {
            text.Append(report.Id).Append('=').Append(report.State).Append(';');
        }

        foreach (var user in await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.SecurityStamp, u.PasswordHash, u.TwoFactorEnabled, u.TotpSecret, u.DisabledAt, u.LockoutEnd, u.AccessFailedCount }).ToListAsync())
        {
            text.Append(user).Append(';');
        }

        return text.ToString();
    });
}
