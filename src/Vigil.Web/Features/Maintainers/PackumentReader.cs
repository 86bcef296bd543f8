using System.Text.Json;

namespace Vigil.Web.Features.Maintainers;

/// <summary>A maintainer as the packument lists them; the e-mail is null when the registry gives none that is an address.</summary>
public sealed record NpmMaintainer(string Name, string? Email);

/// <summary>The packument was larger than the configured limit; reading stopped there.</summary>
public sealed class PackumentTooLargeException(long limit) : Exception($"The packument is larger than {limit} bytes.")
{
    /// <summary>The limit that was passed, in bytes.</summary>
    public long Limit { get; } = limit;
}

/// <summary>
/// Reads the top-level <c>maintainers</c> of a full packument as it streams in, token by token, without building the
/// document: the buffer holds one JSON token at a time (it grows only for a longer one), every byte is counted against
/// the limit, and reading stops as soon as the list is read. Bad JSON throws <see cref="JsonException"/>.
/// </summary>
public static class PackumentReader
{
    /// <summary>At most this many maintainers are kept.</summary>
    public const int MaxMaintainers = 200;

    /// <summary>Reads the maintainers from <paramref name="stream"/>, at most <paramref name="maxBytes"/> bytes.</summary>
    public static async Task<IReadOnlyList<NpmMaintainer>> ReadMaintainersAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[64 * 1024];
        int filled = 0;
        long total = 0;
        bool final = false;
        var state = new JsonReaderState();
        var collector = new Collector();
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                final = true;
            }
            else
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new PackumentTooLargeException(maxBytes);
                }

                filled += read;
            }

            int consumed = Step(buffer.AsSpan(0, filled), final, ref state, collector);
            if (collector.Finished)
            {
                return collector.Maintainers;
            }

            if (final)
            {
                return collector.SawRoot ? collector.Maintainers : throw new JsonException("The answer is empty.");
            }

            buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
            filled -= consumed;
        }
    }

    private static int Step(ReadOnlySpan<byte> bytes, bool final, ref JsonReaderState state, Collector collector)
    {
        var reader = new Utf8JsonReader(bytes, final, state);
        while (!collector.Finished && reader.Read())
        {
            collector.Accept(ref reader);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private sealed class Collector
    {
        private bool _inMaintainers;
        private bool _inList;
        private string? _property;
        private string? _name;
        private string? _email;

        public List<NpmMaintainer> Maintainers { get; } = [];

        public bool SawRoot { get; private set; }

        public bool Finished { get; private set; }

        public void Accept(ref Utf8JsonReader reader)
        {
            int depth = reader.CurrentDepth;
            var token = reader.TokenType;
            if (!SawRoot)
            {
                SawRoot = token == JsonTokenType.StartObject ? true : throw new JsonException("The answer is not a JSON object.");
                return;
            }

            if (!_inMaintainers)
            {
                if (depth == 1 && token == JsonTokenType.PropertyName && reader.ValueTextEquals("maintainers"u8))
                {
                    _inMaintainers = true;
                }

                return;
            }

            if (!_inList)
            {
                // The value of "maintainers": a list, or anything else (then there are none to show).
                _inList = token == JsonTokenType.StartArray;
                Finished = !_inList;
                return;
            }

            switch (token)
            {
                case JsonTokenType.EndArray when depth == 1:
                    Finished = true;
                    break;
                case JsonTokenType.StartObject when depth == 2:
                    (_name, _email, _property) = (null, null, null);
                    break;
                case JsonTokenType.EndObject when depth == 2:
                    Add(_name, _email);
                    break;
                case JsonTokenType.String when depth == 2:
                    // The old form: "name <email>".
                    string text = reader.GetString() ?? string.Empty;
                    int open = text.IndexOf('<', StringComparison.Ordinal);
                    int close = text.IndexOf('>', StringComparison.Ordinal);
                    Add(open >= 0 ? text[..open].Trim() : text.Trim(), open >= 0 && close > open ? text[(open + 1)..close].Trim() : null);
                    break;
                case JsonTokenType.PropertyName when depth == 3:
                    _property = reader.GetString();
                    break;
                case JsonTokenType.String when depth == 3:
                    if (_property == "name")
                    {
                        _name = reader.GetString();
                    }
                    else if (_property == "email")
                    {
                        _email = reader.GetString();
                    }

                    break;
                default:
                    break;
            }
        }

        private void Add(string? name, string? email)
        {
            name = name?.Trim();
            email = email?.Trim();
            bool isAddress = email is { Length: > 0 and <= 320 } && System.Net.Mail.MailAddress.TryCreate(email, out var address) && address.Address == email;
            if (Maintainers.Count >= MaxMaintainers || (string.IsNullOrEmpty(name) && !isAddress))
            {
                return;
            }

            name = string.IsNullOrEmpty(name) ? email! : name.Length > 214 ? name[..214] : name;
            Maintainers.Add(new NpmMaintainer(name, isAddress ? email : null));
        }
    }
}
