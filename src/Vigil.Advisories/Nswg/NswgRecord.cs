namespace Vigil.Advisories.Nswg;

/// <summary>
/// What every WG record keeps besides its typed fields: the original order of its keys, the keys its format
/// does not define, and the layout of the file it was read from. Records are immutable; change one with
/// a <c>with</c> expression. Two records are equal when every member is equal: key order, extra keys and layout included.
/// </summary>
public abstract record NswgRecord
{
    private protected NswgRecord()
    {
    }

    /// <summary>Which of the three formats this record is.</summary>
    public abstract NswgKind Kind { get; }

    /// <summary>
    /// The keys in the order the file had them, extra keys included. <see cref="NswgWriter"/> writes the members
    /// in this order; members it does not name follow in the WG's usual order. Empty for a record made in code.
    /// </summary>
    public NswgList<string> KeyOrder { get; init; } = NswgList.Empty<string>();

    /// <summary>Keys the format does not define, with their values, kept so that nothing is lost on export.</summary>
    public NswgExtraFields Extra { get; init; } = NswgExtraFields.Empty;

    /// <summary>The layout of the file the record was read from; null means the WG's usual layout for the kind.</summary>
    public NswgFormat? Format { get; init; }
}
