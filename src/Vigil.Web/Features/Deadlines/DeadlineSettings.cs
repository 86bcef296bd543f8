namespace Vigil.Web.Features.Deadlines;

/// <summary>The clock's worker (<c>Vigil:Deadlines</c>).</summary>
public sealed class DeadlineSettings
{
    /// <summary>Whether this instance runs the worker (any number of instances may; claims keep them apart).</summary>
    public bool Worker { get; set; } = true;

    /// <summary>How often the worker looks at the clocks, in seconds.</summary>
    public int PollSeconds { get; set; } = 60;

    /// <summary>The UTC hour (0–23) from which the day's digest goes out.</summary>
    public int DigestHourUtc { get; set; } = 8;
}
