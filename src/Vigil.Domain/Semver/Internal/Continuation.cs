namespace Vigil.Domain.Semver.Internal;

/// <summary>What must follow a matched token for the whole expression to match.</summary>
internal interface IContinuation
{
    bool Accepts(string s, int end);
}

/// <summary>The end of the input (<c>$</c>).</summary>
internal readonly struct AtEnd : IContinuation
{
    public bool Accepts(string s, int end) => end == s.Length;
}
