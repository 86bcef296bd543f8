using Vigil.Domain.Npm;
using Vigil.Testing;

namespace Vigil.Domain.Tests.Npm;

/// <summary>Which registry and token npm would use: the server's setting, the environment, the user and global npmrc.</summary>
public sealed class NpmConfigTests
{
    [Fact]
    public void Nothing_set_gives_npms_default_registry()
    {
        using var home = new TempDirectory();
        var config = NpmConfig.Load(new NpmConfigSources { Environment = new Dictionary<string, string> { ["HOME"] = home.Path } });

        Assert.Equal(new Uri(NpmConfig.DefaultRegistry), config.Registry);
        Assert.Empty(config.Problems);
        Assert.Null(config.TokenFor(config.PackumentUrl("left-pad")));
    }

    [Fact]
    public void The_user_npmrc_sets_the_registry_scopes_and_tokens()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), """
            registry=https://mirror.example/npm
            @acme:registry=https://acme.example/registry/
            //mirror.example/npm/:_authToken=${MIRROR_TOKEN}
            //acme.example/:_authToken=acme-token
            """);
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path, ["MIRROR_TOKEN"] = "mirror-token" };
        var config = NpmConfig.Load(new NpmConfigSources { Environment = environment });

        Assert.Equal("https://mirror.example/npm/", config.Registry.ToString());
        Assert.Equal("https://mirror.example/npm/left-pad", config.PackumentUrl("left-pad").AbsoluteUri);
        Assert.Equal("https://mirror.example/npm/@other%2fpkg", config.PackumentUrl("@other/pkg").AbsoluteUri);
        Assert.Equal("https://acme.example/registry/@acme%2fwidget", config.PackumentUrl("@acme/widget").AbsoluteUri);
        Assert.Equal("mirror-token", config.TokenFor(config.PackumentUrl("left-pad")));
        // The acme token is for acme's host, found by walking up from /registry/.
        Assert.Equal("acme-token", config.TokenFor(config.PackumentUrl("@acme/widget")));
        // Never to another host, nor to a path of the same host outside the token's folder.
        Assert.Null(config.TokenFor(new Uri("https://elsewhere.example/npm/left-pad")));
        Assert.Null(config.TokenFor(new Uri("https://mirror.example/other/left-pad")));
        Assert.Null(config.TokenFor(new Uri("https://mirror.example:8443/npm/left-pad")));
        Assert.DoesNotContain("token", config.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_environment_wins_over_the_user_npmrc_and_the_server_setting_wins_over_both()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "registry=https://user.example/\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path, ["NPM_CONFIG_REGISTRY"] = "https://env.example/" };

        Assert.Equal("https://env.example/", NpmConfig.Load(new NpmConfigSources { Environment = environment }).Registry.ToString());
        environment["npm_config_registry"] = "https://lower.example/";
        environment.Remove("NPM_CONFIG_REGISTRY");
        Assert.Equal("https://lower.example/", NpmConfig.Load(new NpmConfigSources { Environment = environment }).Registry.ToString());
        var server = NpmConfig.Load(new NpmConfigSources { Environment = environment, Registry = "http://127.0.0.1:4873" });
        Assert.Equal("http://127.0.0.1:4873/", server.Registry.ToString());
    }

    [Fact]
    public void The_project_npmrc_wins_over_the_user_npmrc_and_loses_to_the_environment()
    {
        using var home = new TempDirectory();
        using var project = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "registry=https://user.example/\n@acme:registry=https://acme-user.example/\n");
        File.WriteAllText(project.File(".npmrc"), "registry=https://project.example/\n@acme:registry=https://acme-project.example/\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path };

        var withProject = NpmConfig.Load(new NpmConfigSources { Environment = environment, ProjectFolder = project.Path });
        var withoutProject = NpmConfig.Load(new NpmConfigSources { Environment = environment });
        environment["npm_config_registry"] = "https://env.example/";
        var withEnvironment = NpmConfig.Load(new NpmConfigSources { Environment = environment, ProjectFolder = project.Path });

        Assert.Equal("https://project.example/", withProject.Registry.ToString());
        Assert.Equal("https://acme-project.example/", Assert.Single(withProject.ScopeRegistries).Value.ToString());
        Assert.Equal("@acme", Assert.Single(withProject.ScopeRegistries).Key);
        Assert.Equal("https://user.example/", withoutProject.Registry.ToString());
        Assert.Equal("https://env.example/", withEnvironment.Registry.ToString());
    }

    [Fact]
    public void A_project_folder_that_is_the_home_folder_reads_its_npmrc_once_as_the_user_npmrc()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "registry=https://user.example/\nbroken=${UNSET_VARIABLE}\n");
        var config = NpmConfig.Load(new NpmConfigSources { Environment = new Dictionary<string, string> { ["HOME"] = home.Path }, ProjectFolder = home.Path });

        Assert.Equal("https://user.example/", config.Registry.ToString());
        Assert.Single(config.Problems);
    }

    [Fact]
    public void The_global_npmrc_under_the_prefix_is_read_below_the_user_npmrc()
    {
        using var home = new TempDirectory();
        using var prefix = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(prefix.Path, "etc"));
        File.WriteAllText(Path.Combine(prefix.Path, "etc", "npmrc"), "registry=https://global.example/\n@g:registry=https://g.example/\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path, ["PREFIX"] = prefix.Path };

        var config = NpmConfig.Load(new NpmConfigSources { Environment = environment });
        Assert.Equal("https://global.example/", config.Registry.ToString());
        File.WriteAllText(home.File(".npmrc"), "registry=https://user.example/\n");
        config = NpmConfig.Load(new NpmConfigSources { Environment = environment });
        Assert.Equal("https://user.example/", config.Registry.ToString());
        Assert.Equal("https://g.example/@g%2fx", config.PackumentUrl("@g/x").AbsoluteUri);
    }

    [Fact]
    public void A_configured_user_config_replaces_the_home_npmrc()
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "registry=https://home.example/\n");
        string other = home.File("other-npmrc");
        File.WriteAllText(other, "registry=https://other.example/\n");

        var config = NpmConfig.Load(new NpmConfigSources { Environment = new Dictionary<string, string> { ["HOME"] = home.Path }, UserConfig = other });
        Assert.Equal("https://other.example/", config.Registry.ToString());
    }

    [Theory]
    [InlineData("ftp://files.example/")]
    [InlineData("not a url")]
    [InlineData("https://user:pass@host.example/")]
    [InlineData("https://host.example/?q=1")]
    public void A_registry_that_is_no_http_url_is_reported_and_npms_default_used(string registry)
    {
        using var home = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "registry=" + registry + "\n");
        var config = NpmConfig.Load(new NpmConfigSources { Environment = new Dictionary<string, string> { ["HOME"] = home.Path } });

        Assert.Equal(new Uri(NpmConfig.DefaultRegistry), config.Registry);
        Assert.Contains(config.Problems, p => p.Source == "registry");
        Assert.DoesNotContain(config.Problems, p => p.ToString().Contains("pass", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("left-pad", "left-pad")]
    [InlineData("@babel/core", "@babel%2fcore")]
    [InlineData("ok~'!()*", "ok~'!()*")]
    public void Names_are_escaped_as_npm_escapes_them(string name, string escaped) => Assert.Equal(escaped, NpmConfig.EscapeName(name));

    [Fact]
    public void Other_settings_resolve_through_the_same_layers_and_tokens_never_come_out()
    {
        using var home = new TempDirectory();
        using var project = new TempDirectory();
        File.WriteAllText(home.File(".npmrc"), "vigil-platform=https://user.example\n//user.example/:_authToken=secret\nprovenance=true\n");
        File.WriteAllText(project.File(".npmrc"), "vigil-platform=https://project.example\n");
        var environment = new Dictionary<string, string> { ["HOME"] = home.Path };
        var config = NpmConfig.Load(new NpmConfigSources { Environment = environment, ProjectFolder = project.Path });
        Assert.Equal("https://project.example", config.Value("vigil-platform"));
        Assert.Equal("true", config.Value("provenance"));
        Assert.Null(config.Value("//user.example/:_authToken"));
        Assert.Null(config.Value("nothing-set"));

        environment["npm_config_vigil_platform"] = "https://env.example";
        Assert.Equal("https://env.example", NpmConfig.Load(new NpmConfigSources { Environment = environment, ProjectFolder = project.Path }).Value("vigil-platform"));
    }
}
