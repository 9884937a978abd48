using Etl.Scheduler.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Etl.Scheduler.Tests.Clustering;

/// <summary>One scheduler node of a test cluster: a generic host with the scheduler core and probe jobs.</summary>
public static class SchedulerNode
{
    public static IHost Build(string connectionString, string instanceId, Action<IQuartzBuilder> jobs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scheduler:ConnectionString"] = connectionString,
            ["Scheduler:InstanceId"] = instanceId,
            ["Scheduler:CheckinInterval"] = "00:00:01",
            ["Scheduler:CheckinMisfireThreshold"] = "00:00:01",
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSchedulerCore(builder.Configuration, jobs);
        return builder.Build();
    }
}
