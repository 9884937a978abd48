using Etl.Elastic;
using Etl.Enrichment.Embedding;
using Etl.Enrichment.Enriching;
using Etl.Schemas.Registry;
using Etl.Worker.DeadLetters;
using Etl.Worker.Indexing;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;

namespace Etl.Worker.Hosting;

/// <summary>The worker's wiring, in one place.</summary>
public static class WorkerServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>run</c> pipeline: the Avro processor with the configured registry and embedder, the
    /// Elasticsearch sink, the Kafka dead-letter sink, metrics, and the hosted service that runs it.
    /// </summary>
    public static IServiceCollection AddWorkerServices(this IServiceCollection services, WorkerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ISchemaRegistry>(_ => new SchemaRegistryClient(new HttpClient(), settings.SchemaRegistry));
        services.AddSingleton(_ => EmbedderFactory.Create(settings.Embedding));
        services.AddSingleton(sp => TweetEnricher.CreateDefault(sp.GetRequiredService<IEmbedder>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IRecordProcessor>(sp => new AvroTweetProcessor(sp.GetRequiredService<ISchemaRegistry>(), sp.GetRequiredService<TweetEnricher>(), settings.Pipeline.Topic));
        services.AddSingleton(_ => new ElasticsearchClient(settings.Elasticsearch));
        services.AddSingleton<IDocumentSink>(sp => new ElasticsearchDocumentSink(sp.GetRequiredService<ElasticsearchClient>()));
        services.AddSingleton(sp => new KafkaDeadLetterSink(settings.Kafka.ToProducerConfig(), sp.GetRequiredService<ISchemaRegistry>()));
        services.AddSingleton<IDeadLetterSink>(sp => new MirroredDeadLetterSink(
            sp.GetRequiredService<KafkaDeadLetterSink>(), sp.GetRequiredService<ElasticsearchClient>(), sp.GetRequiredService<ILogger<MirroredDeadLetterSink>>()));
        services.AddWorkerMetrics();
        services.AddSingleton(sp => new IngestPipeline(
            settings.Pipeline,
            settings.Kafka.ToConsumerConfig(),
            sp.GetRequiredService<IRecordProcessor>(),
            sp.GetRequiredService<IDocumentSink>(),
            sp.GetRequiredService<IDeadLetterSink>(),
            sp.GetRequiredService<PipelineMetrics>(),
            sp.GetRequiredService<ILogger<IngestPipeline>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IEmbedder>()));
        services.AddHostedService<PipelineHostedService>();
        return services;
    }
}
