using System.Net;
using System.Net.Sockets;

namespace Vigil.Web.Tests.Support;

/// <summary>
/// The platform on a real Kestrel socket on loopback, for headless Chromium: a <see cref="PlatformFactory"/> (same
/// configuration, clock, captured logs) whose server listens on <c>http://127.0.0.1:port</c>, and whose public URL is
/// that address, so the links in its e-mails open in the browser.
/// </summary>
internal static class LiveServer
{
    /// <summary>Starts a platform on <paramref name="engine"/> on a free loopback port; <see cref="Url"/> is its address.</summary>
    /// <param name="engine"><c>sqlite</c> or <c>postgres</c>, as for <see cref="PlatformFactory.OnAsync"/>.</param>
    /// <param name="settings">Configuration on top of the tests' defaults (<c>Vigil:PublicUrl</c> is set here).</param>
    /// <param name="realMail">Deliver over SMTP (<c>Vigil:Smtp</c>) instead of recording.</param>
    public static async Task<PlatformFactory> StartAsync(string engine, Dictionary<string, string?>? settings = null, bool realMail = false)
    {
        // Kestrel needs the port before it starts, and the public URL (e-mail links) must name it: a port the
        // system hands out, released just before Kestrel binds it. Should another process take it in between,
        // Kestrel fails to bind and says so.
        int port = FreePort();
        string url = $"http://127.0.0.1:{port}";
        var all = new Dictionary<string, string?>(settings ?? []) { ["Vigil:PublicUrl"] = url };
        var factory = await PlatformFactory.OnAsync(engine, all, realMail);
        try
        {
            factory.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
            factory.StartServer();
            factory.ClientOptions.BaseAddress = new Uri(url);
            return factory;
        }
        catch
        {
            factory.Dispose();
            throw;
        }
    }

    /// <summary>The server's base URL, without a trailing slash.</summary>
    public static string Url(this PlatformFactory factory) => factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

    /// <summary>
    /// A cookie-keeping HTTP client to the live server's socket that does not follow redirects (plain http: the public
    /// URL is not https, so the cookies are not Secure).
    /// </summary>
    public static TestBrowser HttpBrowser(this PlatformFactory factory) =>
        new(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(factory.Url()),
        });

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
