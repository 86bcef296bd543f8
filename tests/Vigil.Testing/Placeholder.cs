namespace Vigil.Testing;
public static class Placeholder { }
