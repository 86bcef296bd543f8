namespace Vigil.Advisories;

/// <summary>Placeholder.</summary>
public static class PlaceholderAdvisories { }
