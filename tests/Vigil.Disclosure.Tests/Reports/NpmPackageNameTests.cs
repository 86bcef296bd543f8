using Vigil.Disclosure.Reports;

namespace Vigil.Disclosure.Tests.Reports;

/// <summary>Package names by validate-npm-package-name's rules for existing packages.</summary>
public class NpmPackageNameTests
{
    [Theory]
    [InlineData("lodash")]
    [InlineData("@babel/core")]
    [InlineData("left-pad")]
    [InlineData("JSONStream")]
    [InlineData("a.b_c-d")]
    [InlineData("http")]
    [InlineData("ok~'!()*")]
    public void Names_npm_has_accepted_are_accepted(string name) => Assert.Null(NpmPackageName.Validate(name));

    [Theory]
    [InlineData("", "name length must be greater than zero")]
    [InlineData(null, "name length must be greater than zero")]
    [InlineData(".hidden", "name cannot start with a period")]
    [InlineData("_private", "name cannot start with an underscore")]
    [InlineData(" padded", "name cannot contain leading or trailing spaces")]
    [InlineData("padded ", "name cannot contain leading or trailing spaces")]
    [InlineData("node_modules", "node_modules is not a valid package name")]
    [InlineData("favicon.ico", "favicon.ico is not a valid package name")]
    [InlineData("has space", "name can only contain URL-friendly characters")]
    [InlineData("a/b", "name can only contain URL-friendly characters")]
    [InlineData("@scope/", "name can only contain URL-friendly characters")]
    [InlineData("@/name", "name can only contain URL-friendly characters")]
    [InlineData("@s/a/b", "name can only contain URL-friendly characters")]
    [InlineData("<script>", "name can only contain URL-friendly characters")]
    [InlineData("naïve", "name can only contain URL-friendly characters")]
    public void Names_npm_never_accepted_are_refused(string? name, string message) =>
        Assert.Equal(message, NpmPackageName.Validate(name));

    [Fact]
    public void Names_are_at_most_214_characters()
    {
        Assert.Null(NpmPackageName.Validate(new string('a', 214)));
        Assert.Equal("name can be at most 214 characters long", NpmPackageName.Validate(new string('a', 215)));
    }
}
