namespace Vigil.Data;

/// <summary>Placeholder.</summary>
public static class PlaceholderData { }
