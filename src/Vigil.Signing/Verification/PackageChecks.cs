using System.Collections.Immutable;

namespace Vigil.Signing.Verification;

/// <summary>Every check <c>vigil verify</c> knows, in the order reports show them. Listed here, not discovered.</summary>
public static class PackageChecks
{
    /// <summary>The checks.</summary>
    public static ImmutableArray<IPackageCheck> All { get; } =
    [
        new Policy.PolicyCheck(),
        new Registry.RegistrySignatureCheck(),
        new Provenance.ProvenanceCheck(),
        new Tarballs.TarballCheck(),
        new Authors.AuthorsCheck(),
    ];

    /// <summary>The check named <paramref name="name"/>, or null.</summary>
    public static IPackageCheck? Find(string name)
    {
        foreach (var check in All)
        {
            if (check.Name == name)
            {
                return check;
            }
        }

        return null;
    }
}
