namespace Vigil.Web.Features.Accounts;

/// <summary>
/// Absolute links for e-mails and the console. They are built from <c>Vigil:PublicUrl</c> when set, never from a
/// request's Host header alone in production: a forged Host would otherwise put an attacker's site into mail.
/// </summary>
public sealed class AccountLinks(IConfiguration configuration)
{
    /// <summary>The platform's public base URL, without a trailing slash.</summary>
    public string BaseUrl(HttpRequest? request)
    {
        string? configured = configuration["Vigil:PublicUrl"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured.TrimEnd('/');
        }

        return request is null ? "http://localhost:5000" : $"{request.Scheme}://{request.Host}";
    }

    /// <summary>The e-mail confirmation link.</summary>
    public string ConfirmEmail(HttpRequest request, string userId, string code) =>
        $"{BaseUrl(request)}/account/confirm-email?user={Uri.EscapeDataString(userId)}&code={Uri.EscapeDataString(code)}";
}
