using Etl.Scheduler.Hosting;
using Etl.Scheduler.Jobs;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Etl.Scheduler.Tests.Hosting;

public sealed class CronScheduleSyncTests
{
    [Fact]
    public async Task A_cron_changed_in_configuration_replaces_the_stored_one_at_the_next_start_and_an_unchanged_one_stays()
    {
        await using var postgres = await PostgresServer.StartAsync();
        await using var elasticsearch = await ElasticsearchStub.StartAsync();
        var database = await postgres.CreateDatabaseAsync("cron");

        var first = await StoredCronsAsync(database, elasticsearch, minuteRollupCron: "0 * * * * ?");
        var second = await StoredCronsAsync(database, elasticsearch, minuteRollupCron: "30 */2 * * * ?");

        var minute = SchedulerJobs.TriggerKeyOf(JobNames.MinuteRollup);
        var hour = SchedulerJobs.TriggerKeyOf(JobNames.HourRollup);
        Assert.Equal("0 * * * * ?", first[minute]);
        Assert.Equal("30 */2 * * * ?", second[minute]);
        Assert.Equal(first[hour], second[hour]);
    }

    private static async Task<Dictionary<TriggerKey, string>> StoredCronsAsync(string database, ElasticsearchStub elasticsearch, string minuteRollupCron)
    {
        var app = SchedulerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduler:ConnectionString"] = database,
                ["Scheduler:InstanceId"] = "cron-node",
                ["Scheduler:CheckinInterval"] = "00:00:01",
                ["Scheduler:MinuteRollupCron"] = minuteRollupCron,
                ["Elasticsearch:Url"] = elasticsearch.Url.ToString(),
                ["Console:Username"] = "operator",
                ["Console:Password"] = "correct horse battery",
            });
        });
        try
        {
            await app.StartAsync();
            var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
            await scheduler.Standby();
            var crons = new Dictionary<TriggerKey, string>();
            foreach (var key in new[] { JobNames.MinuteRollup, JobNames.HourRollup }.Select(SchedulerJobs.TriggerKeyOf))
            {
                crons[key] = Assert.IsAssignableFrom<ICronTrigger>(await scheduler.GetTrigger(key)).CronExpressionString!;
            }

            return crons;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
