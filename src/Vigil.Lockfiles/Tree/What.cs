namespace Vigil.Lockfiles.Tree;

/// <summary>
/// What a value is, as error messages name it (<c>package 'node_modules/a'</c>): put together only when a message
/// needs it, not for every value read.
/// </summary>
internal readonly struct What(string text, string? quoted = null)
{
    /// <summary><c>text 'quoted'</c>, or the text alone.</summary>
    public override string ToString() => quoted is null ? text : $"{text} '{quoted}'";

    public static implicit operator What(string text) => new(text);
}
