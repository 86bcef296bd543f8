namespace Vigil.Disclosure.Workflow;

/// <summary>A refused transition: why, and which field when a field is at fault.</summary>
/// <param name="Code">The kind of refusal.</param>
/// <param name="Message">A sentence for the person who asked.</param>
/// <param name="Field">The request field at fault, or null.</param>
public sealed record WorkflowError(WorkflowErrorCode Code, string Message, string? Field = null)
{
    /// <summary>The message, with the field first when there is one.</summary>
    public override string ToString() => Field is null ? Message : Field + ": " + Message;
}
