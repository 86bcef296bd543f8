using Microsoft.Extensions.Options;
using Vigil.Web.Infrastructure.Operations;

namespace Vigil.Web.Features.Offboarding;

/// <summary>Runs <see cref="OffboardingPass"/> on the platform's clock (<see cref="ClockWorker"/>).</summary>
internal sealed class OffboardingWorker(OffboardingPass pass, IOptions<OffboardingSettings> settings, TimeProvider time, ILogger<OffboardingWorker> logger)
    : ClockWorker(time, logger)
{
    protected override bool Enabled => settings.Value.Worker;

    protected override int PollSeconds => settings.Value.PollSeconds;

    protected override string PassName => "the activity checks";

    protected override Task RunPassAsync(DateTimeOffset now, CancellationToken cancellationToken) => pass.RunOnceAsync(now, cancellationToken);
}
