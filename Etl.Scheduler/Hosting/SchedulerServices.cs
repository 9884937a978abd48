using Etl.Elastic.Hosting;
using Etl.Enrichment.Embedding;
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
        services.AddMemoryCache(cache => cache.SizeLimit = null);
        return services;
    }
}
