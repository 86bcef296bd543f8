using Microsoft.Playwright;

namespace Vigil.Web.Tests.Browser;

/// <summary>
/// Watches a Chromium context for any sign that injected text ran or loaded: dialogs (alert, confirm, prompt, and
/// print, counted by a wrapper), <c>window.__xss</c>, a changed <c>document.title</c>, requests to the beacon,
/// Content-Security-Policy violations (the listener is an init script, which runs even under the page's CSP), a
/// navigation away from the page, and, in the rendered DOM, any element, event-handler attribute or script URL
/// that only injected markup could have put there.
/// </summary>
internal sealed class XssProbe
{
    /// <summary>Where payloads send their beacon: a loopback address the context's route answers (nothing listens there).</summary>
    public const string BeaconUrl = "http://127.0.0.1:9/xss-beacon";

    private const string InitScript = """
        (() => {
          window.__xss = 0;
          window.__xssCalls = [];
          window.__xssCsp = [];
          for (const name of ['alert', 'confirm', 'prompt', 'print']) {
            const original = window[name];
            window[name] = function () { window.__xssCalls.push(name); return original.apply(window, arguments); };
          }
          document.addEventListener('securitypolicyviolation', e => {
            window.__xssCsp.push(e.violatedDirective + ' blocked ' + e.blockedURI + ' ' + (e.sample || ''));
          }, true);
        })();
        """;

    // What only injected markup could have put in the page: our pages have no images, media, frames, SVG, MathML,
    // style elements or attributes in the body, and no script but /js/*.
    private const string CheckScript = """
        () => {
          const found = [];
          if (window.__xss !== 0) found.push('window.__xss is ' + String(window.__xss));
          for (const name of window.__xssCalls || []) found.push(name + '() was called');
          for (const violation of window.__xssCsp || []) found.push('CSP violation: ' + violation);
          if (/xss/i.test(document.title)) found.push('document.title is ' + document.title);
          if (document.querySelector('base')) found.push('a <base> element');
          const forbidden = new Set(['iframe', 'frame', 'frameset', 'object', 'embed', 'base', 'meta', 'link', 'style', 'svg',
            'math', 'template', 'img', 'image', 'video', 'audio', 'source', 'picture', 'isindex', 'marquee', 'animate',
            'noscript', 'xmp', 'plaintext', 'listing', 'foreignobject']);
          for (const el of document.body.querySelectorAll('*')) {
            const tag = el.localName.toLowerCase();
            if (forbidden.has(tag)) found.push('element <' + tag + '>');
            if (tag === 'script' && !(el.getAttribute('src') || '').startsWith('/js/')) found.push('script ' + el.outerHTML.slice(0, 80));
            if (el.hasAttribute('style')) found.push('style attribute on <' + tag + '>');
          }
          const markdown = new Set(['p', 'br', 'hr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'em', 'strong', 'del', 'code', 'pre',
            'blockquote', 'ul', 'ol', 'li', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'sub', 'sup']);
          for (const el of document.querySelectorAll('.markdown *')) {
            if (!markdown.has(el.localName)) found.push('element <' + el.localName + '> in rendered Markdown');
          }
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (/^on/i.test(a.name)) found.push('handler ' + a.name + ' on <' + el.localName + '>');
              if (/^(href|src|action|formaction|data|srcdoc|xlink:href|poster|background|content)$/i.test(a.name)) {
                const value = a.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
                if (/^(javascript|vbscript|data):/.test(value)) found.push(a.name + '="' + a.value.slice(0, 60) + '" on <' + el.localName + '>');
              }
            }
          }
          return found;
        }
        """;

    private readonly List<string> _findings = [];
    private int _dialogs;
    private int _beacons;

    /// <summary>Pages checked.</summary>
    public int Checks { get; private set; }

    /// <summary>Everything seen, each with the page it was seen on.</summary>
    public IReadOnlyList<string> Findings => _findings;

    /// <summary>Starts watching <paramref name="context"/>; attach before its pages are opened.</summary>
    public static async Task<XssProbe> AttachAsync(IBrowserContext context)
    {
        var probe = new XssProbe();
        await context.AddInitScriptAsync(InitScript);
        await context.RouteAsync(BeaconUrl + "**", async route =>
        {
            Interlocked.Increment(ref probe._beacons);
            await route.FulfillAsync(new RouteFulfillOptions { Status = 204 });
        });
        context.Page += (_, page) => page.Dialog += (_, dialog) =>
        {
            Interlocked.Increment(ref probe._dialogs);
            _ = dialog.DismissAsync();
        };
        return probe;
    }

    /// <summary>
    /// Checks the page as it is now, after a moment for timers, autofocus and refreshes: still at
    /// <paramref name="path"/>, no dialog and no beacon since the last check, nothing in the DOM that payloads could
    /// have put there.
    /// </summary>
    public async Task CheckAsync(IPage page, string path, string what)
    {
        await Task.Delay(60, TestContext.Current.CancellationToken);
        Checks++;
        int dialogs = Interlocked.Exchange(ref _dialogs, 0);
        int beacons = Interlocked.Exchange(ref _beacons, 0);
        if (dialogs > 0)
        {
            _findings.Add($"{what}: {dialogs} dialog(s) opened");
        }

        if (beacons > 0)
        {
            _findings.Add($"{what}: the beacon was requested {beacons} time(s)");
        }

        if (new Uri(page.Url).AbsolutePath != path)
        {
            _findings.Add($"{what}: the page navigated to {page.Url}");
            return;
        }

        foreach (string finding in await page.EvaluateAsync<string[]>(CheckScript))
        {
            _findings.Add($"{what}: {finding}");
        }
    }
}
