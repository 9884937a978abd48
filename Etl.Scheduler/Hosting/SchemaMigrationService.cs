using Etl.Scheduler.Storage;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Hosting;

/// <summary>Migrates the scheduler's schema at start, before the Quartz hosted service starts the scheduler.</summary>
public sealed class SchemaMigrationService(IOptions<SchedulerOptions> options, ILogger<SchemaMigrationService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) =>
        await SchemaMigrator.MigrateAsync(options.Value.ConnectionString, logger, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
