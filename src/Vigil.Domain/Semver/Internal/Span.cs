namespace Vigil.Domain.Semver.Internal;

/// <summary>A capture group's extent in the input; <see cref="None"/> when the group did not take part.</summary>
internal readonly record struct Span(int Start, int End)
{
    public static readonly Span None = new(-1, -1);

    public bool Matched => Start >= 0;

    /// <summary>The captured text, or null (JavaScript's <c>undefined</c>) when the group did not take part.</summary>
    public string? Text(string s) => Matched ? s[Start..End] : null;
}
