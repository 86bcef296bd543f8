namespace Vigil.Domain;

/// <summary>Placeholder.</summary>
public static class PlaceholderDomain { }
