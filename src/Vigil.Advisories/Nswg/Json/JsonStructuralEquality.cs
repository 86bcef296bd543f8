using System.Text.Json;

namespace Vigil.Advisories.Nswg.Json;

/// <summary>
/// Strict JSON equality: same kinds, strings equal after unescaping, numbers equal as text,
/// object members equal in the same order, array items equal in the same order.
/// </summary>
internal static class JsonStructuralEquality
{
    public static bool AreEqual(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.String:
                return string.Equals(a.GetString(), b.GetString(), StringComparison.Ordinal);
            case JsonValueKind.Number:
                return string.Equals(a.GetRawText(), b.GetRawText(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                return SequenceEqual(a.EnumerateArray(), b.EnumerateArray());
            case JsonValueKind.Object:
                return MembersEqual(a.EnumerateObject(), b.EnumerateObject());
            default:
                return true;
        }
    }

    private static bool SequenceEqual(JsonElement.ArrayEnumerator a, JsonElement.ArrayEnumerator b)
    {
        while (true)
        {
            var hasA = a.MoveNext();
            if (hasA != b.MoveNext())
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!AreEqual(a.Current, b.Current))
            {
                return false;
            }
        }
    }

    private static bool MembersEqual(JsonElement.ObjectEnumerator a, JsonElement.ObjectEnumerator b)
    {
        while (true)
        {
            var hasA = a.MoveNext();
            if (hasA != b.MoveNext())
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!string.Equals(a.Current.Name, b.Current.Name, StringComparison.Ordinal)
                || !AreEqual(a.Current.Value, b.Current.Value))
            {
                return false;
            }
        }
    }
}
