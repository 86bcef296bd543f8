using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Vigil.Testing.Tests;

public sealed class BrowserTests
{
    private const string Page = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>Vigil browser check</title></head>
        <body>
          <h1 id="heading">Waiting for script</h1>
          <button id="go" onclick="document.getElementById('heading').textContent = 'Clicked ' + (++window.clicks)">Go</button>
          <script>
            window.clicks = 0;
            document.getElementById('heading').textContent = 'Script ran';
            document.title = 'Ready: ' + navigator.userAgent.includes('HeadlessChrome');
          </script>
        </body>
        </html>
        """;

    [Fact]
    public async Task Chromium_RunsThePagesScript_AndSavesAScreenshot()
    {
        using var server = new LoopbackPage(Page);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync(server.Url);
        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.Equal("Script ran", await page.TextContentAsync("#heading"));
        Assert.Equal("Ready: true", await page.TitleAsync());

        await page.ClickAsync("#go");
        await page.ClickAsync("#go");
        Assert.Equal("Clicked 2", await page.TextContentAsync("#heading"));

        string name = "browser-check-" + Guid.NewGuid().ToString("N")[..8];
        string path = await Browser.ScreenshotAsync(page, name);
        try
        {
            Assert.Equal(Path.Combine(Browser.ScreenshotFolder, name + ".png"), path);
            byte[] png = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
            Assert.True(png.Length > 1000, $"screenshot is only {png.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Serves one HTML page at http://127.0.0.1:port/ from an HttpListener.</summary>
    private sealed class LoopbackPage : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Task serving;

        public LoopbackPage(string html)
        {
            int port = FreePort();
            Url = $"http://127.0.0.1:{port}/";
            listener.Prefixes.Add(Url);
            listener.Start();
            byte[] body = Encoding.UTF8.GetBytes(html);
            serving = Task.Run(async () =>
            {
                while (listener.IsListening)
                {
                    HttpListenerContext context;
                    try
                    {
                        context = await listener.GetContextAsync();
                    }
                    catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                    {
                        return;
                    }

                    bool root = context.Request.Url?.AbsolutePath == "/";
                    context.Response.StatusCode = root ? 200 : 404;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    if (root)
                    {
                        await context.Response.OutputStream.WriteAsync(body);
                    }

                    context.Response.Close();
                }
            });
        }

        public string Url { get; }

        public void Dispose()
        {
            listener.Stop();
            listener.Close();
            serving.Wait(TimeSpan.FromSeconds(5));
        }

        private static int FreePort()
        {
            using var socket = new TcpListener(IPAddress.Loopback, 0);
            socket.Start();
            return ((IPEndPoint)socket.LocalEndpoint).Port;
        }
    }
}
