using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Operations;

namespace Vigil.Web.Features.Deadlines;

/// <summary>Runs <see cref="DeadlinePass"/> on the platform's clock (<see cref="ClockWorker"/>).</summary>
internal sealed class DeadlineWorker(DeadlinePass pass, IOptions<DeadlineSettings> settings, TimeProvider time, ILogger<DeadlineWorker> logger)
    : ClockWorker(time, logger)
{
    protected override bool Enabled => settings.Value.Worker;

    protected override int PollSeconds => settings.Value.PollSeconds;

    protected override string PassName => "the deadlines";

    protected override Task RunPassAsync(DateTimeOffset now, CancellationToken cancellationToken) => pass.RunOnceAsync(now, cancellationToken);
}
