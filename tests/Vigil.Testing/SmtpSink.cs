using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Vigil.Testing;

/// <summary>A message the <see cref="SmtpSink"/> received: the SMTP envelope and the message as sent.</summary>
/// <param name="MailFrom">The envelope sender (<c>MAIL FROM</c>); empty for a null sender.</param>
/// <param name="RcptTo">The envelope recipients (<c>RCPT TO</c>).</param>
/// <param name="User">The user name the client authenticated as, or null when it did not.</param>
/// <param name="Raw">The message's bytes: RFC 5322 headers and body, as the client sent them after <c>DATA</c>.</param>
public sealed record ReceivedMessage(string MailFrom, ImmutableArray<string> RcptTo, string? User, ImmutableArray<byte> Raw)
{
    /// <summary>The message as text (the bytes read as UTF-8; SMTP without 8BITMIME is ASCII anyway).</summary>
    public string Text => Encoding.UTF8.GetString(Raw.AsSpan());

    /// <summary>The header fields of the message, unfolded, in order (a name may occur more than once).</summary>
    public ImmutableArray<KeyValuePair<string, string>> Headers
    {
        get
        {
            var headers = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            string? name = null;
            var value = new StringBuilder();
            foreach (string line in Text.Split("\r\n"))
            {
                if (line.Length > 0 && (line[0] == ' ' || line[0] == '\t') && name is not null)
                {
                    value.Append(line);
                    continue;
                }

                if (name is not null)
                {
                    headers.Add(new(name, value.ToString().Trim()));
                    name = null;
                }

                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (line.Length == 0 || colon <= 0)
                {
                    break;
                }

                name = line[..colon];
                value.Clear().Append(line, colon + 1, line.Length - colon - 1);
            }

            return headers.ToImmutable();
        }
    }

    /// <summary>The first header field of that name (case-insensitive), unfolded, or null.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// A real SMTP server on loopback that keeps what it receives, for tests of code that sends e-mail: plain SMTP on
/// 127.0.0.1 and a port of its own choosing (no TLS), AUTH PLAIN and LOGIN optional (or required, or checked
/// against one user name and password). Dispose stops it.
/// </summary>
/// <remarks>
/// The server is nodemailer's <c>smtp-server</c>, run by <c>tests/tools/smtp-server/sink.js</c> with the machine's
/// Node.js. It was chosen over Debian's <c>python3-aiosmtpd</c> because it is installed the way the tests' other real
/// tools are (npm with a lockfile, through <see cref="NodeTools"/>, no system package and no root), and because a
/// Python package from apt is seen only by Debian's own <c>/usr/bin/python3</c>, not by a python3 that pyenv or a
/// virtual environment puts first on PATH. The server binds port 0 and reports the port it got, so two sinks never
/// race for a port; messages come back over its standard output, so there are no files to poll.
/// </remarks>
public sealed class SmtpSink : IAsyncDisposable, IDisposable
{
    private readonly Process process;
    private readonly List<ReceivedMessage> messages = [];
    private readonly StringBuilder errors = new();
    private readonly Lock gate = new();
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task reader = Task.CompletedTask;
    private int disposed;

    private SmtpSink(Process process, string host, int port)
    {
        this.process = process;
        Host = host;
        Port = port;
    }

    /// <summary>The address the server listens on (127.0.0.1).</summary>
    public string Host { get; }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>What the server has received so far, in order.</summary>
    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>
    /// Starts a server. With <paramref name="user"/> and <paramref name="password"/>, AUTH accepts only them (any
    /// credentials otherwise); with <paramref name="requireAuth"/>, mail from a client that did not authenticate is
    /// refused.
    /// </summary>
    public static async Task<SmtpSink> StartAsync(string? user = null, string? password = null, bool requireAuth = false, CancellationToken cancellationToken = default)
    {
        string folder = NodeTools.Tool("smtp-server");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("sink.js");
        start.Environment["SINK_USER"] = user ?? string.Empty;
        start.Environment["SINK_PASSWORD"] = password ?? string.Empty;
        start.Environment["SINK_REQUIRE_AUTH"] = requireAuth ? "1" : "0";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for the SMTP sink");
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            string? first;
            try
            {
                first = await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The SMTP sink did not start listening within 30 s");
            }

            if (first is null)
            {
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                throw new InvalidOperationException($"The SMTP sink exited with {process.ExitCode} before listening: {await stderr.ConfigureAwait(false)}");
            }

            using var listening = JsonDocument.Parse(first);
            string host = listening.RootElement.GetProperty("host").GetString()!;
            int port = listening.RootElement.GetProperty("port").GetInt32();
            var sink = new SmtpSink(process, host, port);
            sink.reader = Task.Run(() => sink.ReadAsync(stderr), CancellationToken.None);
            return sink;
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Waits until a message that matches <paramref name="predicate"/> has arrived (or had already) and returns the
    /// first such; throws <see cref="TimeoutException"/>, listing what did arrive, after <paramref name="timeout"/>.
    /// </summary>
    public async Task<ReceivedMessage> WaitForMessageAsync(Func<ReceivedMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                var match = messages.FirstOrDefault(predicate);
                if (match is not null)
                {
                    return match;
                }

                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The SMTP sink stopped ({process.ExitCode}): {errors}");
                }

                next = changed.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var received = Messages;
                throw new TimeoutException(
                    $"No matching message reached the SMTP sink within {timeout}; it received {received.Count}: " +
                    string.Join("; ", received.Select(m => $"from <{m.MailFrom}> to <{string.Join(">, <", m.RcptTo)}>, Subject: {m.Header("Subject")}")));
            }
        }
    }

    /// <summary>Waits for any message.</summary>
    public Task<ReceivedMessage> WaitForMessageAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForMessageAsync(_ => true, timeout, cancellationToken);

    private async Task ReadAsync(Task<string> stderr)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                using var json = JsonDocument.Parse(line);
                var root = json.RootElement;
                if (root.GetProperty("event").GetString() != "message")
                {
                    continue;
                }

                var message = new ReceivedMessage(
                    root.GetProperty("mailFrom").GetString() ?? string.Empty,
                    [.. root.GetProperty("rcptTo").EnumerateArray().Select(r => r.GetString()!)],
                    root.GetProperty("user").GetString(),
                    [.. root.GetProperty("raw").GetBytesFromBase64()]);
                lock (gate)
                {
                    messages.Add(message);
                    Signal();
                }
            }

            string error = await stderr.ConfigureAwait(false);
            lock (gate)
            {
                errors.Append(error);
            }
        }
        finally
        {
            lock (gate)
            {
                Signal();
            }
        }
    }

    private void Signal()
    {
        var old = changed;
        changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.SetResult();
    }

    /// <summary>Stops the server.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Stop();
        await process.WaitForExitAsync().ConfigureAwait(false);
        await reader.ConfigureAwait(false);
        process.Dispose();
    }

    /// <summary>Stops the server.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        Stop();
        process.WaitForExit();
        reader.GetAwaiter().GetResult();
        process.Dispose();
    }

    private void Stop()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited.
        }
    }
}
