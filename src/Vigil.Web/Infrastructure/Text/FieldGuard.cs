using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vigil.Web.Infrastructure.Text;

/// <summary>
/// A NUL in a field, answered with the field's name. ASP.NET Core's reader of url-encoded forms refuses a <c>%00</c>
/// (<see cref="InvalidDataException"/> "The form value contains invalid characters") wherever the form is first read
/// (in the pages' anti-forgery filter, before any page code runs), which became an empty 400 naming nothing. The form
/// is read here first, and a failure is explained: which field, and that nothing was saved. JSON bodies parse with a
/// NUL (<c>\u0000</c>), so the API's endpoint filter looks at the bound request's strings instead. Other control
/// characters reach the pages and endpoints, whose own checks name the field (they differ by field: a description
/// may hold line breaks, a title may not).
/// </summary>
public static class FieldGuard
{
    /// <summary>Reads url-encoded forms up front; a form that cannot be read is answered 400 with the field named.</summary>
    public static IApplicationBuilder UseFormFieldGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)
            && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            request.EnableBuffering();
            try
            {
                await request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                request.Body.Position = 0;
                using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
                string body = await reader.ReadToEndAsync(context.RequestAborted);
                string? field = FieldWithNul(body);
                string message = field is null
                    ? $"The form could not be read ({e.Message.TrimEnd('.')}); nothing was saved."
                    : $"The field \"{field}\" contains a NUL character (U+0000), which no field may hold; nothing was saved.";
                await RefuseAsync(context, field ?? "form", message);
                return;
            }
        }

        await next(context);
    });

    /// <summary>The API's check: a string of the bound request body holding a NUL is refused, named as in JSON.</summary>
    public static RouteGroupBuilder RefuseNulInBodies(this RouteGroupBuilder api)
    {
        api.AddEndpointFilter(async (context, next) =>
        {
            foreach (object? argument in context.Arguments)
            {
                if (argument is null || argument is string || argument.GetType().IsPrimitive || argument is HttpContext || argument.GetType().Namespace?.StartsWith("Microsoft", StringComparison.Ordinal) == true)
                {
                    continue;
                }

                foreach (var property in argument.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
                {
                    bool nul = property.GetValue(argument) switch
                    {
                        string text => text.Contains('\0', StringComparison.Ordinal),
                        IEnumerable<string> texts => texts.Any(t => t?.Contains('\0', StringComparison.Ordinal) == true),
                        _ => false,
                    };
                    if (nul)
                    {
                        string name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                        return TypedResults.ValidationProblem(
                            new Dictionary<string, string[]> { [name] = ["contains a NUL character (U+0000), which no field may hold"] },
                            title: "Nothing was saved.");
                    }
                }
            }

            return await next(context);
        });
        return api;
    }

    /// <summary>The first field (its name as sent) whose name or value decodes to a NUL; null when none does.</summary>
    public static string? FieldWithNul(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        foreach (string pair in body.Split('&'))
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = Decode(equals < 0 ? pair : pair[..equals]);
            string value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            if (name.Contains('\0', StringComparison.Ordinal) || value.Contains('\0', StringComparison.Ordinal))
            {
                string shown = new(name.Select(c => char.IsControl(c) ? '?' : c).Take(100).ToArray());
                return shown.Length == 0 ? "(unnamed)" : shown;
            }
        }

        return null;
    }

    // Uri.UnescapeDataString decodes %00 (the form reader refuses it) and leaves bad escapes as they are.
    private static string Decode(string part) => Uri.UnescapeDataString(part.Replace('+', ' '));

    private static async Task RefuseAsync(HttpContext context, string field, string message)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            await TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "Nothing was saved.").ExecuteAsync(context);
            return;
        }

        // Plain text: the field's name is the sender's own text, and text/plain (with nosniff) is never rendered as a page.
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message, context.RequestAborted);
    }
}
