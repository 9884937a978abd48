using System.Diagnostics;
using Confluent.Kafka;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Embedding;
using Etl.Enrichment.Enriching;
using Etl.Kafka.Mock;
using Etl.Schemas.Naming;
using Etl.Schemas.Registry;
using Etl.Worker.DeadLetters;
using Etl.Worker.Generation;
using Etl.Worker.Indexing;
using Etl.Worker.Mapping;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Etl.Worker.Producing;

namespace Etl.Worker.Demo;

/// <summary>
/// The embedded default: librdkafka's mock cluster as the broker, the in-memory schema registry, the generator as
/// the producer, and the real <c>run</c> pipeline into Elasticsearch or bulk NDJSON files.
/// </summary>
public sealed class DemoRunner(DemoSettings settings, ILoggerFactory loggerFactory)
{
    public async Task<DemoResult> RunAsync(Action<DemoProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var cluster = new MockKafkaCluster(brokerCount: 3);
        cluster.CreateTopic(TopicNames.Raw, partitions: 6);
        cluster.CreateTopic(TopicNames.DeadLetter, partitions: 1);
        var registry = new InMemorySchemaRegistry();
        var producerConfig = new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 5 };

        using var client = settings.Elasticsearch is { } url ? new ElasticsearchClient(new ElasticsearchOptions { Url = url.ToString() }) : null;
        using var files = client is null ? new NdjsonFileSink(settings.OutputDirectory) : null;
        if (client is not null)
        {
            await client.Setup.RunAsync(cancellationToken);
        }

        var embedder = EmbedderFactory.Create(new EmbeddingOptions { Provider = settings.Embedder });
        using var ownedEmbedder = embedder as IDisposable;
        var probe = new SemanticProbe(client is not null ? new ElasticsearchDocumentSink(client) : files!);
        var sink = new SummarizingSink(probe);
        using var deadLetters = new KafkaDeadLetterSink(producerConfig, registry);
        using var metrics = new PipelineMetrics(meterName: MetricNames.MeterName + ".Demo." + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions { Topic = TopicNames.Raw, GroupId = "etl-demo" };
        var consumerConfig = new ConsumerConfig { BootstrapServers = cluster.BootstrapServers };
        var processor = new AvroTweetProcessor(registry, TweetEnricher.CreateDefault(embedder));
        IDeadLetterSink deadLetterSink = client is null
            ? deadLetters
            : new MirroredDeadLetterSink(deadLetters, client, loggerFactory.CreateLogger<MirroredDeadLetterSink>());
        using var pipeline = new IngestPipeline(options, consumerConfig, processor, sink, deadLetterSink, metrics, loggerFactory.CreateLogger<IngestPipeline>(), embedder: embedder);

        var clock = Stopwatch.StartNew();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var run = pipeline.RunAsync(stop.Token);
        long produced = 0;
        var target = settings.Count + settings.Poison;
        var produce = Task.Run(
            async () =>
            {
                using var producer = new TweetProducer(producerConfig, registry);
                var generator = new TweetGenerator(new GeneratorSettings { Count = settings.Count, Seed = settings.Seed, Trends = settings.Trends });
                var poisonEvery = settings.Poison > 0 ? Math.Max(1, settings.Count / settings.Poison) : int.MaxValue;
                var i = 0;
                using (var raw = new ProducerBuilder<byte[], byte[]>(producerConfig).Build())
                {
                    foreach (var tweet in generator.Generate())
                    {
                        await producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet));
                        Interlocked.Increment(ref produced);
                        if (++i % poisonEvery == 0 && i / poisonEvery <= settings.Poison)
                        {
                            // Not Confluent-framed Avro: the worker must dead-letter it with its bytes and go on.
                            await raw.ProduceAsync(TopicNames.Raw, new Message<byte[], byte[]> { Key = "poison"u8.ToArray(), Value = "{\"not\":\"avro\"}"u8.ToArray() }, stop.Token);
                            Interlocked.Increment(ref produced);
                        }
                    }

                    raw.Flush(TimeSpan.FromSeconds(30));
                }

                producer.Flush(TimeSpan.FromSeconds(60));
                if (producer.Failed > 0)
                {
                    throw new InvalidOperationException($"{producer.Failed} tweets were not accepted by the broker: {producer.LastError}");
                }
            },
            stop.Token);

        TimeSpan? firstConsumed = null;
        try
        {
            while (metrics.Indexed + metrics.DeadLettered < target)
            {
                if (firstConsumed is null && metrics.Consumed > 0)
                {
                    firstConsumed = clock.Elapsed;
                }

                if (produce.IsFaulted || run.IsCompleted)
                {
                    break;
                }

                if (clock.Elapsed > settings.Timeout)
                {
                    throw new TimeoutException($"The demo did not finish within {settings.Timeout}: {metrics.Indexed} indexed, {metrics.DeadLettered} dead-lettered of {target}.");
                }

                progress?.Invoke(new DemoProgress(target, Interlocked.Read(ref produced), metrics.Consumed, metrics.Indexed, metrics.DeadLettered, metrics.Retried, metrics.IsPaused, clock.Elapsed));
                await Task.Delay(200, cancellationToken);
            }

            await produce;
        }
        finally
        {
            await stop.CancelAsync();
            await run;
        }

        var elapsed = clock.Elapsed;
        progress?.Invoke(new DemoProgress(target, produced, metrics.Consumed, metrics.Indexed, metrics.DeadLettered, metrics.Retried, metrics.IsPaused, elapsed));
        return new DemoResult(
            Produced: (int)produced,
            Indexed: sink.DistinctDocuments,
            DeadLettered: metrics.DeadLettered,
            Elapsed: elapsed,
            Processing: elapsed - (firstConsumed ?? TimeSpan.Zero),
            Sink: client is not null ? settings.Elasticsearch!.ToString() : Path.GetFullPath(settings.OutputDirectory),
            Sentiment: sink.Sentiment(),
            TopHashtags: sink.TopHashtags(10),
            TopCountries: sink.TopCountries(10),
            OutputFiles: files?.Files ?? [],
            Embedder: embedder.Name,
            EmbedderLoad: (embedder as OnnxEmbedder)?.LoadTime ?? TimeSpan.Zero,
            SemanticQuery: settings.SemanticQuery,
            SemanticHits: await probe.NearestAsync(embedder, settings.SemanticQuery, 3, cancellationToken));
    }
}
