using System.Runtime.CompilerServices;

// The tests verify a real public Sigstore bundle (not an npm provenance one) with the internal bundle verifier.
[assembly: InternalsVisibleTo("Vigil.Signing.Tests")]
