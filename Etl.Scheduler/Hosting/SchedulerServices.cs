using Etl.Elastic.Hosting;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Registry;
using Etl.Scheduler.Api;
using Etl.Scheduler.Dashboard;
using Etl.Scheduler.DeadLetters;
using Etl.Scheduler.Jobs;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Hosting;

public static class SchedulerServices
{
    /// <summary>
    /// Everything <c>etl-scheduler run</c> hosts: Hangfire on PostgreSQL (storage, this server, the recurring jobs),
    /// Elasticsearch, the embedder, the dashboard login, the query API's key and cache, and DLQ re-drive. Every options
    /// class is bound once, here, and validated at start with every problem listed.
    /// </summary>
    public static IServiceCollection AddSchedulerServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingletonTimeProvider();
        Options<SchedulerOptions, SchedulerOptionsValidator>(services, configuration, SchedulerOptions.SectionName);
        Options<DashboardAccessOptions, DashboardAccessOptionsValidator>(services, configuration, DashboardAccessOptions.SectionName);
        Options<QueryApiOptions, QueryApiOptionsValidator>(services, configuration, QueryApiOptions.SectionName);
        Options<EmbeddingOptions, EmbeddingOptionsValidator>(services, configuration, EmbeddingOptions.SectionName);
        Options<SchemaRegistryOptions, SchemaRegistryOptionsValidator>(services, configuration, SchemaRegistryOptions.SectionName);
        // The Kafka section is shared with the worker, whose keys this process does not know, so unknown keys are allowed here.
        services.AddOptions<RedriveOptions>().Bind(configuration.GetSection(RedriveOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RedriveOptions>, RedriveOptionsValidator>();

        services.AddHangfire((sp, hangfire) =>
        {
            var o = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                // Job arguments are strings and nulls, so no type names are needed; results (JobFigures) read as plain JSON.
                .UseRecommendedSerializerSettings(json => json.TypeNameHandling = Newtonsoft.Json.TypeNameHandling.None)
                .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(o.ConnectionString), new PostgreSqlStorageOptions
                {
                    SchemaName = o.SchemaName,
                    // Creates the schema from empty at start. Servers racing to create it fail with "could not find tuple
                    // for constraint"; the resilient start (on while StartupConnectionMaxRetries > 0) retries it.
                    PrepareSchemaIfNecessary = true,
                    StartupConnectionMaxRetries = 10,
                    // Sliding: the server running a job keeps extending its invisibility, so a short timeout recovers a
                    // dead server's job quickly without re-fetching (and cancelling) a long one that is still running.
                    InvisibilityTimeout = o.InvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                    QueuePollInterval = o.QueuePollInterval,
                    // A killed server leaves its job locks behind; a waiting run removes one older than this.
                    DistributedLockTimeout = o.DistributedLockTimeout,
                });
        });
        services.AddHangfireServer((sp, server) =>
        {
            var o = sp.GetRequiredService<IOptions<SchedulerOptions>>().Value;
            server.WorkerCount = o.WorkerCount;
            server.SchedulePollingInterval = o.SchedulePollingInterval;
            if (!string.IsNullOrWhiteSpace(o.ServerName))
            {
                server.ServerName = o.ServerName;
            }
        });
        services.AddHostedService<RecurringJobRegistration>();
        services.AddTransient<RollupJob>();
        services.AddTransient<TrendJob>();
        services.AddTransient<RetentionJob>();
        services.AddTransient<DeadLetterRedriveJob>();
        services.AddSingleton<BasicAuthDashboardFilter>();

        services.AddElasticsearch(configuration);
        services.AddHttpClient(nameof(IEmbedder));
        services.AddSingleton(sp => EmbedderFactory.Create(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IEmbedder))));
        services.AddSingleton<QueryCache>();
        services.AddHttpClient(nameof(SchemaRegistryClient));
        services.AddSingleton<ISchemaRegistry>(sp => new SchemaRegistryClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SchemaRegistryClient)),
            sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value));
        services.AddSingleton(sp => new DeadLetterRedriver(sp.GetRequiredService<IOptions<RedriveOptions>>().Value, sp.GetRequiredService<ISchemaRegistry>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Binds a section once, rejecting unknown keys, and validates it at start.</summary>
    private static void Options<TOptions, TValidator>(IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(section), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
