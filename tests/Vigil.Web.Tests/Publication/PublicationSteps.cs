using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Data.Advisories;
using Vigil.Domain.Osv;
using Vigil.Web.Infrastructure.Persistence;
using Vigil.Web.Tests.Reports;
using Vigil.Web.Tests.Support;

namespace Vigil.Web.Tests.Publication;

/// <summary>The steps the publication tests share: a report walked to fixed, published, and advisories imported.</summary>
internal static class PublicationSteps
{
    /// <summary>Walks a submitted report to fixed (1.3.1) through the page, as the triager.</summary>
    public static async Task FixAsync(PlatformFactory factory, TestBrowser triager, Guid id)
    {
        foreach (var (action, fields) in new (string, Dictionary<string, string>)[]
        {
            ("Accept", []),
            ("ContactMaintainer", []),
            ("StartFix", []),
            ("MarkFixed", new() { ["fixedVersion"] = "1.3.1" }),
        })
        {
            var (response, body) = await ReportSteps.TransitionAsync(triager, id, action, fields);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {body}");
        }

        Assert.Equal("fixed", await ReportSteps.StateAsync(factory, id));
    }

    /// <summary>Publishes through the report page's button; asserts it went through.</summary>
    public static async Task PublishAsync(PlatformFactory factory, TestBrowser triager, Guid id, string action = "Publish")
    {
        var (response, body) = await ReportSteps.TransitionAsync(triager, id, action);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{action}: {(int)response.StatusCode} {body}");
        Assert.Equal("published", await ReportSteps.StateAsync(factory, id));
    }

    /// <summary>The server's advisory store (the same file or PostgreSQL database as the platform).</summary>
    public static AdvisoryStore Store(PlatformFactory factory) => factory.Services.GetRequiredService<AdvisoryStore>();

    /// <summary>Gives an account a user name that is not its e-mail address (the credit's name).</summary>
    public static Task RenameAsync(PlatformFactory factory, string email, string userName) => factory.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<PlatformUser>>();
        var user = await users.FindByEmailAsync(email);
        var result = await users.SetUserNameAsync(user!, userName);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return true;
    });

    /// <summary>An imported record, as <c>vigil db import</c> would store one.</summary>
    public static OsvRecord Imported(string id, string modified, string summary, string details = "Imported details.", string package = "left-pad", IReadOnlyList<string>? aliases = null) => new()
    {
        SchemaVersion = "1.7.0",
        Id = id,
        Modified = new OsvTimestamp(modified),
        Published = new OsvTimestamp(modified),
        Aliases = aliases,
        Summary = summary,
        Details = details,
        Affected =
        [
            new OsvAffected
            {
                Package = new OsvPackage { Ecosystem = "npm", Name = package },
                Ranges = [new OsvRange { Type = OsvRangeType.Semver, Events = [OsvEvent.Introduced("0"), OsvEvent.Fixed("2.0.0")] }],
            },
        ],
    };
}
