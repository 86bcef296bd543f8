using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Vigil.Testing;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.ScaleOut;

/// <summary>
/// Faults under a steady stream of writes and reads: an instance killed, the database's connections dropped. (A real
/// PostgreSQL restart needs root: <c>bench/faults/pg-restart.sh</c>.)
/// </summary>
[Collection(ServerProcesses.Name)]
public sealed class FaultTests
{
    [Fact]
    public async Task Killing_one_instance_under_load_the_other_keeps_serving_and_no_acknowledged_write_is_lost()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        using var keys = new TempDirectory();
        var settings = ScaleOutSteps.Shared(database, keys);
        var started = await ScaleOutSteps.StartTwoAsync(settings, ct);
        await using var a = started[0];
        await using var b = started[1];
        using var host = ScaleOutSteps.Host(database, settings);
        await host.CreateUserAsync(ScaleOutSteps.Email);
        string token = await ScaleOutSteps.TokenAsync(a);

        using var toA = a.Client();
        using var toB = b.Client();
        var acknowledged = new ConcurrentBag<(Guid Id, bool OnB)>();
        var failuresOnB = new ConcurrentBag<string>();
        int afterKillOnB = 0;
        var killed = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        int next = 0;

        async Task WriterAsync(int writer)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                bool onB = (i + writer) % 2 == 1;
                int n = Interlocked.Increment(ref next);
                Guid? id;
                try
                {
                    id = await ScaleOutSteps.SubmitAsync(onB ? toB : toA, token, n, CancellationToken.None);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    if (onB)
                    {
                        failuresOnB.Add($"write {n}: {e.GetType().Name}: {e.Message}");
                    }

                    // On A after (or while) it was killed: not acknowledged, so nothing is owed.
                    continue;
                }

                if (id is not { } written)
                {
                    if (onB)
                    {
                        failuresOnB.Add($"write {n} not acknowledged");
                    }

                    continue;
                }

                acknowledged.Add((written, onB));
                if (onB && killed.Task.IsCompleted)
                {
                    Interlocked.Increment(ref afterKillOnB);
                }

                // Every acknowledged write, wherever it was made, reads back from B.
                try
                {
                    var read = await ScaleOutSteps.ReadAsync(toB, token, written, CancellationToken.None);
                    if (read != HttpStatusCode.OK)
                    {
                        failuresOnB.Add($"read {written}: {(int)read}");
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failuresOnB.Add($"read {written}: {e.GetType().Name}: {e.Message}");
                }
            }
        }

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(() => WriterAsync(w), CancellationToken.None)).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (acknowledged.Count(x => !x.OnB) < 10 || acknowledged.Count(x => x.OnB) < 10)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the load did not get going: {acknowledged.Count} acknowledged; {string.Join("; ", failuresOnB)}");
            await Task.Delay(50, ct);
        }

        a.Kill();
        killed.SetResult();
        var afterKill = Stopwatch.StartNew();
        while (afterKill.Elapsed < TimeSpan.FromSeconds(3) || Volatile.Read(ref afterKillOnB) < 10)
        {
            Assert.True(afterKill.Elapsed < TimeSpan.FromSeconds(60), "B served too few writes after A was killed");
            await Task.Delay(50, ct);
        }

        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(a.HasExited);
        Assert.True(failuresOnB.IsEmpty, $"B failed: {string.Join("; ", failuresOnB)}\n{b.Output}");
        var ids = acknowledged.Select(x => x.Id).ToList();
        int stored = await host.QueryAsync(db => db.Reports.CountAsync(r => ids.Contains(r.Id), ct));
        Assert.Equal(ids.Count, stored);
        TestContext.Current.TestOutputHelper?.WriteLine($"{ids.Count} writes acknowledged ({acknowledged.Count(x => !x.OnB)} by the killed instance), all stored; {afterKillOnB} on B after the kill");
    }

    [Fact]
    public async Task Database_connections_dropped_under_load_are_recovered_without_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgresServer.CreateDatabaseAsync(ct);
        using var keys = new TempDirectory();
        string application = "vigil-drop-" + Guid.NewGuid().ToString("N")[..12];
        var settings = ScaleOutSteps.Shared(database, keys, application);
        await using var server = await ServerProcess.StartAsync(settings, ct);
        using var host = ScaleOutSteps.Host(database, settings);
        await host.CreateUserAsync(ScaleOutSteps.Email);
        string token = await ScaleOutSteps.TokenAsync(server);
        using var client = server.Client();
        var seed = await ScaleOutSteps.SubmitAsync(client, token, 0, ct);
        Assert.NotNull(seed);

        var acknowledged = new ConcurrentBag<Guid>();
        var failedReads = new ConcurrentBag<string>();
        var outcomes = new ConcurrentQueue<(TimeSpan At, bool Ok)>();
        int failedWrites = 0;
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        async Task LoadAsync(int worker)
        {
            for (int i = 0; !stop.IsCancellationRequested; i++)
            {
                try
                {
                    if (i % 3 == 0)
                    {
                        var id = await ScaleOutSteps.SubmitAsync(client, token, worker * 100_000 + i, CancellationToken.None);
                        outcomes.Enqueue((clock.Elapsed, id is not null));
                        if (id is { } written)
                        {
                            acknowledged.Add(written);
                        }
                        else
                        {
                            Interlocked.Increment(ref failedWrites);
                        }
                    }
                    else
                    {
                        var status = i % 3 == 1
                            ? await ScaleOutSteps.ReadAsync(client, token, seed.Value, CancellationToken.None)
                            : (await client.GetAsync("/advisories/feed.atom", CancellationToken.None)).StatusCode;
                        outcomes.Enqueue((clock.Elapsed, status == HttpStatusCode.OK));
                        if (status != HttpStatusCode.OK)
                        {
                            failedReads.Add($"{(int)status} at {clock.Elapsed}");
                        }
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    failedReads.Add($"{e.GetType().Name} at {clock.Elapsed}");
                    outcomes.Enqueue((clock.Elapsed, false));
                }
            }
        }

        var load = Enumerable.Range(0, 4).Select(w => Task.Run(() => LoadAsync(w), CancellationToken.None)).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        int terminated = 0;
        for (int round = 0; round < 3; round++)
        {
            terminated += await TerminateAsync(database, application, ct);
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
        }

        var lastDrop = clock.Elapsed;
        // Load on, until enough requests were answered after the drops (a busy machine answers slowly).
        var settleBy = DateTime.UtcNow.AddSeconds(90);
        while (outcomes.Count(o => o.At > lastDrop + TimeSpan.FromSeconds(1)) < 30 && DateTime.UtcNow < settleBy)
        {
            await Task.Delay(200, ct);
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);

        Assert.True(terminated >= 3, $"only {terminated} of the server's backends were ended");
        // Reads never fail (a read on a dropped connection runs again on a fresh one); afterwards everything works.
        Assert.True(failedReads.IsEmpty, $"reads failed: {string.Join("; ", failedReads)}\n{server.Output}");
        var settled = outcomes.Where(o => o.At > lastDrop + TimeSpan.FromSeconds(1)).ToList();
        Assert.True(settled.Count >= 30, $"too little load after the drops: {settled.Count}");
        Assert.All(settled, o => Assert.True(o.Ok, $"a request at {o.At} failed after the drops ended ({lastDrop})"));
        var ids = acknowledged.ToList();
        Assert.Equal(ids.Count, await host.QueryAsync(db => db.Reports.CountAsync(r => ids.Contains(r.Id), ct)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", ct)).StatusCode);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{terminated} backends ended in 3 rounds; {outcomes.Count} requests, {failedWrites} writes refused (500, not acknowledged), 0 reads failed; {ids.Count} acknowledged writes all stored");
    }

    /// <summary>Ends the server's own backends (the test role may signal backends of its own role); how many.</summary>
    private static async Task<int> TerminateAsync(PostgresDatabase database, string application, CancellationToken ct)
    {
        await using var connection = await database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = application });
        return (int)(long)(await command.ExecuteScalarAsync(ct))!;
    }
}
