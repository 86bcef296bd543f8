namespace Vigil.Lockfiles.Graph;

/// <summary>The kind of a dependency declaration.</summary>
internal enum EdgeType
{
    Prod,
    Dev,
    Optional,
    Peer,
}
