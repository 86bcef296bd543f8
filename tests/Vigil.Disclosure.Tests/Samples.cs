using Vigil.Disclosure.Cwe;
using Vigil.Disclosure.Deadlines;
using Vigil.Disclosure.Reports;
using Vigil.Disclosure.Workflow;

namespace Vigil.Disclosure.Tests;

/// <summary>Reports and people the tests share.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Monday = new(2026, 11, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly Actor Reporter = new("alice");
    public static readonly Actor Triager = new("tom", IsTriageTeamMember: true);
    public static readonly Actor OtherTriager = new("tina", IsTriageTeamMember: true);
    public static readonly Actor Maintainer = new("max");
    public static readonly Actor Stranger = new("sam");

    public static ReportDraft Draft => new()
    {
        PackageName = "left-pad",
        AffectedVersions = "<1.3.0",
        CweId = "CWE-1321",
        Title = "Prototype pollution in padding options",
        Description = "Padding with a crafted `options` object sets `Object.prototype` properties.",
        ProofOfConcept = "```js\nrequire('left-pad')('x', 2, JSON.parse('{\"__proto__\":{\"polluted\":1}}'))\n```",
        CvssVector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:L",
    };

    public static ReportDetails Details(ReportDraft? draft = null) =>
        ReportDetails.TryCreate(draft ?? Draft, CweCatalogue.Default, out var details, out var errors)
            ? details
            : throw new InvalidOperationException(string.Join("; ", errors));

    public static VulnerabilityReport Submitted(Actor? reporter = null, ReportDraft? draft = null) =>
        VulnerabilityReport.Submit("r1", Details(draft), (reporter ?? Reporter).UserId, Monday);

    public static VulnerabilityReport Apply(this VulnerabilityReport report, Actor actor, TransitionRequest request, DateTimeOffset? at = null) =>
        ReportWorkflow.TryApply(report, request, actor, at ?? Monday.AddHours(1), DisclosurePolicy.Default, out var outcome, out var error)
            ? outcome.Report
            : throw new InvalidOperationException(error.ToString());

    public static VulnerabilityReport Apply(this VulnerabilityReport report, Actor actor, ReportAction action, DateTimeOffset? at = null) =>
        report.Apply(actor, new TransitionRequest(action), at);

    /// <summary>A report taken by the workflow itself to the given state.</summary>
    public static VulnerabilityReport InState(ReportState state)
    {
        var report = Submitted();
        return state switch
        {
            ReportState.New => report,
            ReportState.NeedsInfo => report.Apply(Triager, new TransitionRequest(ReportAction.RequestInfo) { Reason = "Which options?" }),
            ReportState.Rejected => report.Apply(Triager, new TransitionRequest(ReportAction.Reject) { Reason = "Intended behaviour." }),
            ReportState.Duplicate => report.Apply(Triager, new TransitionRequest(ReportAction.MarkDuplicate) { Reason = "Known.", DuplicateOf = "r0" }),
            ReportState.Accepted => report.Apply(Triager, ReportAction.Accept),
            ReportState.MaintainerContacted => InState(ReportState.Accepted)
                .Apply(Triager, new TransitionRequest(ReportAction.ContactMaintainer) { MaintainerId = Maintainer.UserId }),
            ReportState.FixInProgress => InState(ReportState.MaintainerContacted).Apply(Maintainer, ReportAction.StartFix),
            ReportState.Fixed => InState(ReportState.FixInProgress).Apply(Maintainer, new TransitionRequest(ReportAction.MarkFixed) { FixedVersion = "1.3.0" }),
            ReportState.Published => InState(ReportState.Fixed).Apply(Triager, ReportAction.Publish),
            ReportState.Withdrawn => InState(ReportState.Published).Apply(Triager, new TransitionRequest(ReportAction.Withdraw) { Reason = "Not a vulnerability after all." }),
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
    }
}
