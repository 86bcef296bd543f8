namespace Vigil.Web.Tests.Support;

/// <summary>The database engines the data tests run on: the embedded SQLite file and a real PostgreSQL server.</summary>
public static class Engines
{
    public static TheoryData<string> All => new() { "sqlite", "postgres" };
}
