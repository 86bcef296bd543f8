namespace Vigil.Advisories.Nswg;

/// <summary>Whether a JSON member is missing, present with <c>null</c>, or present with a value.</summary>
public enum NswgFieldState
{
    /// <summary>The key is not in the object.</summary>
    Absent,

    /// <summary>The key is present and its value is <c>null</c>.</summary>
    Null,

    /// <summary>The key is present with a non-null value.</summary>
    Value,
}

/// <summary>
/// A member of a record whose value may be <c>null</c> in the WG format (npm records: every key is required,
/// several may be <c>null</c>), keeping "absent" apart from "null". The default value is absent. Make one with <see cref="NswgField.Of{T}(T)"/> or <see cref="NswgField.Null{T}"/>.
/// </summary>
/// <typeparam name="T">The type of the value when there is one.</typeparam>
public readonly record struct NswgField<T>
{
    private NswgField(NswgFieldState state, T? value)
    {
        State = state;
        Value = value;
    }

    /// <summary>Absent, null or value.</summary>
    public NswgFieldState State { get; }

    /// <summary>The value when <see cref="State"/> is <see cref="NswgFieldState.Value"/>; otherwise the default of <typeparamref name="T"/>.</summary>
    public T? Value { get; }

    /// <summary>True when the member is present (with null or with a value).</summary>
    public bool IsPresent => State != NswgFieldState.Absent;

    /// <summary>True when the member is present with <c>null</c>.</summary>
    public bool IsNull => State == NswgFieldState.Null;

    /// <summary>True when the member is present with a non-null value.</summary>
    public bool HasValue => State == NswgFieldState.Value;

    /// <summary>Makes a field; <see cref="NswgField"/> has the public factories.</summary>
    internal static NswgField<T> Create(NswgFieldState state, T? value) => new(state, value);

    /// <summary>"absent", "null" or the value's text.</summary>
    public override string ToString() => State switch
    {
        NswgFieldState.Absent => "absent",
        NswgFieldState.Null => "null",
        _ => Value?.ToString() ?? string.Empty,
    };
}

/// <summary>Makes <see cref="NswgField{T}"/> values.</summary>
public static class NswgField
{
    /// <summary>The member is not in the object (same as <c>default</c>).</summary>
    public static NswgField<T> Absent<T>() => default;

    /// <summary>The member is present with the value <c>null</c>.</summary>
    public static NswgField<T> Null<T>() => NswgField<T>.Create(NswgFieldState.Null, default);

    /// <summary>The member is present with <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null: use <see cref="Null{T}"/>.</exception>
    public static NswgField<T> Of<T>(T value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return NswgField<T>.Create(NswgFieldState.Value, value);
    }
}
