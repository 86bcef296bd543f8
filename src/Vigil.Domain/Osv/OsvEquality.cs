using System.Text.Json;

namespace Vigil.Domain.Osv;

/// <summary>
/// Value equality for the parts of a record that C# records compare by reference: lists, free-form JSON and
/// extension data. JSON is compared exactly as it round-trips: same property order, same number text.
/// </summary>
internal static class OsvEquality
{
    public static bool Lists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Count; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Json(JsonElement? a, JsonElement? b) =>
        a is null ? b is null : b is not null && Json(a.Value, b.Value);

    public static bool Properties(IReadOnlyDictionary<string, JsonElement>? a, IReadOnlyDictionary<string, JsonElement>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null || a.Count != b.Count)
        {
            return false;
        }

        using var left = a.GetEnumerator();
        using var right = b.GetEnumerator();
        while (left.MoveNext() && right.MoveNext())
        {
            if (!string.Equals(left.Current.Key, right.Current.Key, StringComparison.Ordinal)
                || !Json(left.Current.Value, right.Current.Value))
            {
                return false;
            }
        }

        return true;
    }

    public static bool Json(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                using (var left = a.EnumerateObject().GetEnumerator())
                using (var right = b.EnumerateObject().GetEnumerator())
                {
                    while (true)
                    {
                        var more = left.MoveNext();
                        if (more != right.MoveNext())
                        {
                            return false;
                        }

                        if (!more)
                        {
                            return true;
                        }

                        if (!string.Equals(left.Current.Name, right.Current.Name, StringComparison.Ordinal)
                            || !Json(left.Current.Value, right.Current.Value))
                        {
                            return false;
                        }
                    }
                }

            case JsonValueKind.Array:
                if (a.GetArrayLength() != b.GetArrayLength())
                {
                    return false;
                }

                using (var left = a.EnumerateArray().GetEnumerator())
                using (var right = b.EnumerateArray().GetEnumerator())
                {
                    while (left.MoveNext() && right.MoveNext())
                    {
                        if (!Json(left.Current, right.Current))
                        {
                            return false;
                        }
                    }
                }

                return true;

            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);

            case JsonValueKind.Number:
                return string.Equals(a.GetRawText(), b.GetRawText(), StringComparison.Ordinal);

            default:
                return true; // true, false, null (and Undefined, which is never stored)
        }
    }
}
