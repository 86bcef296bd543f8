using Microsoft.Extensions.Options;
using Vigil.Web.Features.Deadlines;
using Vigil.Web.Infrastructure.Operations;

namespace Vigil.Web.Features.Nominations;

/// <summary>
/// Runs <see cref="NominationPass"/> on the platform's clock (<see cref="ClockWorker"/>); it is one of the platform's
/// clocks, so <c>Vigil:Deadlines:Worker</c> and <c>PollSeconds</c> govern it too.
/// </summary>
internal sealed class NominationWorker(NominationPass pass, IOptions<DeadlineSettings> settings, TimeProvider time, ILogger<NominationWorker> logger)
    : ClockWorker(time, logger)
{
    protected override bool Enabled => settings.Value.Worker;

    protected override int PollSeconds => settings.Value.PollSeconds;

    protected override string PassName => "the nominations";

    protected override Task RunPassAsync(DateTimeOffset now, CancellationToken cancellationToken) => pass.RunOnceAsync(now, cancellationToken);
}
