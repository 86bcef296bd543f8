namespace Vigil.Disclosure.Reports;

/// <summary>Why the value of one field was refused.</summary>
/// <param name="Field">The field's name as the report form and the API call it, e.g. <c>affectedVersions</c>.</param>
/// <param name="Message">What is wrong, in words a reporter understands.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary><c>field: message</c>.</summary>
    public override string ToString() => Field + ": " + Message;
}
