using System.Net;
using System.Text.Json;
using Vigil.Audit.Reporting;
using Vigil.Disclosure.Deadlines;

namespace Vigil.Cli.Commands.Policy;

/// <summary>The numbers and links a SECURITY.md states, and whether they came from the platform or are the WG's defaults.</summary>
/// <param name="FirstResponseBusinessDays">Business days to the first answer.</param>
/// <param name="PublicationDays">Days from acceptance to publication.</param>
/// <param name="ReportUrl">Where to report.</param>
/// <param name="PolicyUrl">The disclosure policy's page.</param>
/// <param name="FromPlatform">True when fetched from the platform; false for the WG's defaults (<c>--offline</c>).</param>
sealed record DisclosureTerms(int FirstResponseBusinessDays, int PublicationDays, string ReportUrl, string PolicyUrl, bool FromPlatform)
{
    /// <summary>The document's path under the platform.</summary>
    public const string DocumentPath = "/policies/disclosure.json";

    /// <summary>How long the fetch may take.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const int MaxBytes = 64 * 1024;

    /// <summary>The WG's written numbers, with the platform's usual paths.</summary>
    public static DisclosureTerms Defaults(string platform) => new(
        DisclosurePolicy.Default.FirstResponseBusinessDays, DisclosurePolicy.Default.PublicationDays,
        platform + "/reports/new", platform + "/policies/disclosure", FromPlatform: false);

    /// <summary>Fetches <c>/policies/disclosure.json</c> from the platform.</summary>
    public static async Task<DisclosureTerms> FetchAsync(string platform, CancellationToken cancellationToken)
    {
        var url = new Uri(platform + DocumentPath);
        string shown = TerminalText.Clean(url.ToString());
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }) { Timeout = Timeout };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("vigil/" + Cli.Version);
        byte[] body;
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new CliException(ExitCodes.UnreadableInput,
                    $"{shown} answered {(int)response.StatusCode}: is it a Vigil platform? (--offline writes the WG's default numbers)");
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > MaxBytes)
                {
                    throw new CliException(ExitCodes.UnreadableInput, $"{shown}: larger than {MaxBytes / 1024} KiB, not the policy document");
                }
            }

            body = buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !cancellationToken.IsCancellationRequested)
        {
            string why = e is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : TerminalText.Fit(e.Message, 120);
            throw new CliException(ExitCodes.UnreadableInput, $"cannot fetch {shown}: {why} (--offline writes the WG's default numbers)");
        }

        return Parse(body, shown);
    }

    private static DisclosureTerms Parse(byte[] body, string shown)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException(ExitCodes.UnreadableInput, $"{shown}: not a JSON object");
            }

            return new DisclosureTerms(
                Number(root, "firstResponseBusinessDays", 260, shown),
                Number(root, "publicationDays", 3650, shown),
                Link(root, "reportUrl", shown),
                Link(root, "policyUrl", shown),
                FromPlatform: true);
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.UnreadableInput, $"{shown}: not valid JSON (line {(e.LineNumber ?? 0) + 1})");
        }
    }

    private static int Number(JsonElement root, string name, int max, string shown) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n) && n >= 1 && n <= max
            ? n
            : throw new CliException(ExitCodes.UnreadableInput, $"{shown}: \"{name}\" is not a whole number from 1 to {max}");

    private static string Link(JsonElement root, string name, string shown)
    {
        if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return PlatformAddress.Parse(value.GetString()!, name);
            }
            catch (CliException)
            {
                // Reported below, as the document's fault rather than a usage error.
            }
        }

        throw new CliException(ExitCodes.UnreadableInput, $"{shown}: \"{name}\" is not an https URL");
    }
}
