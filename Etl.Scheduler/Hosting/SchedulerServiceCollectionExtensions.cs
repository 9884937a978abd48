using Etl.Scheduler.Jobs;
using Etl.Scheduler.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace Etl.Scheduler.Hosting;

public static class SchedulerServiceCollectionExtensions
{
    /// <summary>
    /// The clustered Quartz scheduler on PostgreSQL and the job history: options bound and validated at start,
    /// the store's schema migrated before the scheduler starts, listeners, and the project's jobs and schedules.
    /// </summary>
    /// <remarks><paramref name="configure"/> adds Quartz setup of the caller's own (tests add probe jobs there).</remarks>
    public static IServiceCollection AddSchedulerCore(this IServiceCollection services, IConfiguration configuration, Action<IQuartzBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<SchedulerOptions>()
            .Bind(configuration.GetSection(SchedulerOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchedulerOptions>, SchedulerOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<SchedulerOptions>>().Value.ConnectionString));
        services.AddSingleton<JobRunStore>();
        services.AddSingleton<JobRunListener>();
        // Registered before Quartz's hosted service so the tables exist when the scheduler first touches them.
        services.AddHostedService<SchemaMigrationService>();

        var options = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        // Every node of a cluster shares the scheduler name; the instance id tells the nodes apart.
        var properties = new Dictionary<string, string?>
        {
            ["quartz.scheduler.instanceName"] = options.SchedulerName,
            ["quartz.scheduler.instanceId"] = options.InstanceId,
        };
        services.AddQuartz(properties, q =>
        {
            q.UseDefaultThreadPool(pool => pool.MaxConcurrency = Math.Max(1, options.MaxConcurrency));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(options.ConnectionString);
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = options.CheckinInterval;
                    cluster.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
                });
                store.UseSystemTextJsonSerializer();
            });
            q.AddJobListener<JobRunListener>();
            configure?.Invoke(q);
        });
        // Every node declares the same schedules at start. Replacing stored triggers then races with the nodes already
        // firing them (seen in tests: a fire run twice, or lost), so a stored job or trigger is left alone; a changed
        // cron is applied by CronScheduleSync instead, only when it actually differs.
        services.Configure<QuartzOptions>(quartz => quartz.Scheduling.IgnoreDuplicates = true);
        services.AddQuartzHostedService(hosted =>
        {
            hosted.WaitForJobsToComplete = true;
            hosted.AwaitApplicationStarted = true;
        });
        return services;
    }
}
