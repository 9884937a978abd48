using Etl.Elastic.Hosting;
using Etl.Enrichment.Embedding;
using Etl.Schemas.Registry;
using Etl.Scheduler.DeadLetters;
using Etl.Scheduler.JobConsole;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Hosting;

public static class SchedulerServices
{
    /// <summary>
    /// Everything <c>etl-scheduler run</c> hosts: the clustered scheduler with the project's jobs, Elasticsearch,
    /// the embedder for semantic search, the console credential, and the query cache.
    /// </summary>
    public static IServiceCollection AddSchedulerServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new SchedulerOptions();
        configuration.GetSection(SchedulerOptions.SectionName).Bind(options);
        services.AddSchedulerCore(configuration, quartz => SchedulerJobs.Add(quartz, options));
        services.AddHostedService<CronScheduleSync>();
        services.AddElasticsearch(configuration);
        services.AddOptions<EmbeddingOptions>()
            .Bind(configuration.GetSection(EmbeddingOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidator>();
        services.AddHttpClient(nameof(IEmbedder));
        services.AddSingleton(sp => EmbedderFactory.Create(
            sp.GetRequiredService<IOptions<EmbeddingOptions>>().Value,
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(IEmbedder))));
        services.AddOptions<ConsoleOptions>()
            .Bind(configuration.GetSection(ConsoleOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddSingleton<JobControl>();
        // The Kafka section is shared with the worker, whose keys this process does not know, so unknown keys are allowed here.
        services.AddOptions<RedriveOptions>().Bind(configuration.GetSection(RedriveOptions.SectionName));
        services.AddOptions<SchemaRegistryOptions>()
            .Bind(configuration.GetSection(SchemaRegistryOptions.SectionName), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SchemaRegistryOptions>, SchemaRegistryOptionsValidator>();
        services.AddHttpClient(nameof(SchemaRegistryClient));
        services.AddSingleton<ISchemaRegistry>(sp => new SchemaRegistryClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(SchemaRegistryClient)),
            sp.GetRequiredService<IOptions<SchemaRegistryOptions>>().Value));
        services.AddSingleton(sp => new DeadLetterRedriver(sp.GetRequiredService<IOptions<RedriveOptions>>().Value, sp.GetRequiredService<ISchemaRegistry>()));
        services.AddMemoryCache(cache => cache.SizeLimit = null);
        return services;
    }
}
