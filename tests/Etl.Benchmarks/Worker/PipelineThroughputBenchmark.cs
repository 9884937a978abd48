using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Confluent.Kafka;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Enrichment.Enriching;
using Etl.Kafka.Mock;
using Etl.Kafka.Registry;
using Etl.Worker.DevStack;
using Etl.Worker.Generation;
using Etl.Worker.Indexing;
using Etl.Worker.Mapping;
using Etl.Worker.Observability;
using Etl.Worker.Pipeline;
using Etl.Worker.Producing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Benchmarks.Worker;

/// <summary>
/// The whole worker on this machine: Avro tweets from librdkafka's mock cluster → decode → enrich → bulk NDJSON over
/// HTTP to a local sink that acknowledges every item. One operation = the pipeline indexes all <see cref="Tweets"/>
/// records of a fresh consumer group. Throughput = Tweets / mean time.
/// Runs with server GC, as <c>etl-worker</c> does (Microsoft.NET.Sdk.Web's default, in etl-worker.runtimeconfig.json):
/// BenchmarkDotNet's default job is workstation GC, whose small gen-0 budget collects ~50 times per 50,000 tweets
/// and promotes the records waiting in the stage channels, which measured the benchmark process, not the worker.
/// </summary>
[MemoryDiagnoser]
[GcServer(true)]
[SimpleJob(launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
public class PipelineThroughputBenchmark
{
    private const string Topic = "bench.raw";
    private MockKafkaCluster cluster = null!;
    private SchemaRegistryServer registryServer = null!;
    private Confluent.SchemaRegistry.ISchemaRegistryClient registry = null!;
    private BulkSinkServer sink = null!;
    private ElasticsearchClient client = null!;
    private TweetEnricher enricher = null!;

    [Params(50_000)]
    public int Tweets { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        cluster = new MockKafkaCluster(brokerCount: 1);
        cluster.CreateTopic(Topic, partitions: 6);
        registryServer = SchemaRegistryServer.StartAsync().GetAwaiter().GetResult();
        registry = registryServer.CreateClient();
        SchemaRegistration.RegisterProjectSchemasAsync(registry, Topic).GetAwaiter().GetResult();
        using (var producer = new TweetProducer(new ProducerConfig { BootstrapServers = cluster.BootstrapServers, LingerMs = 20 }, registry, Topic))
        {
            foreach (var tweet in new TweetGenerator(new GeneratorSettings { Count = Tweets, Seed = 1 }).Generate())
            {
                producer.ProduceAsync(TweetRecordMapper.ToAvro(tweet.Tweet)).GetAwaiter().GetResult();
            }

            producer.Flush(TimeSpan.FromMinutes(2));
            if (producer.Delivered != Tweets)
            {
                throw new InvalidOperationException($"Only {producer.Delivered} of {Tweets} tweets reached the mock cluster: {producer.LastError}");
            }
        }

        sink = BulkSinkServer.StartAsync().GetAwaiter().GetResult();
        client = new ElasticsearchClient(new ElasticsearchOptions { Url = sink.Url.ToString() });
        enricher = TweetEnricher.CreateDefault();
        if (!System.Runtime.GCSettings.IsServerGC)
        {
            throw new InvalidOperationException("PipelineThroughputBenchmark must run with server GC, as etl-worker does.");
        }

        GC.Collect();
        using var process = Process.GetCurrentProcess();
        setupWorkingSet = process.WorkingSet64;
    }

    private long setupWorkingSet;

    private PipelineMetrics metrics = null!;
    private IngestPipeline pipeline = null!;
    private CancellationTokenSource stop = null!;
    private Task run = null!;

    /// <summary>
    /// Joining a consumer group on the mock cluster waits out its initial rebalance delay (3 s); that happens here,
    /// outside the measurement, which starts when the group has assigned the partitions.
    /// </summary>
    [IterationSetup]
    public void StartPipeline()
    {
        metrics = new PipelineMetrics(meterName: "bench-" + Guid.NewGuid().ToString("N"));
        var options = new PipelineOptions { Topic = Topic, GroupId = "bench-" + Guid.NewGuid().ToString("N") };
        pipeline = new IngestPipeline(
            options,
            new ConsumerConfig { BootstrapServers = cluster.BootstrapServers },
            new AvroTweetProcessor(registry, enricher),
            new ElasticsearchDocumentSink(client),
            new NoDeadLetters(),
            metrics,
            NullLogger<IngestPipeline>.Instance);
        stop = new CancellationTokenSource();
        run = pipeline.RunAsync(stop.Token);
        var joined = Stopwatch.StartNew();
        while (pipeline.AssignedPartitions < 6)
        {
            if (joined.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException("The benchmark consumer did not get its partitions within a minute.");
            }

            Thread.Sleep(1);
        }
    }

    [Benchmark]
    public long ConsumeEnrichIndex()
    {
        var deadline = Stopwatch.StartNew();
        while (metrics.Indexed < Tweets)
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(5) || run.IsCompleted)
            {
                throw new InvalidOperationException($"Indexed only {metrics.Indexed} of {Tweets}.");
            }

            Thread.Sleep(5);
        }

        return metrics.Indexed;
    }

    [IterationCleanup]
    public void StopPipeline()
    {
        stop.Cancel();
        run.GetAwaiter().GetResult();
        pipeline.Dispose();
        metrics.Dispose();
        stop.Dispose();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine(
            $"// Peak working set: {process.PeakWorkingSet64 / (1024 * 1024)} MiB; after setup (mock cluster holding the topic, " +
            $"registry, sink, enricher loaded): {setupWorkingSet / (1024 * 1024)} MiB; bulk bytes received: " +
            $"{sink.Bytes / (1024 * 1024)} MiB for {sink.Documents} documents");
        client.Dispose();
        sink.DisposeAsync().AsTask().GetAwaiter().GetResult();
        cluster.Dispose();
        registry.Dispose();
        registryServer.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private sealed class NoDeadLetters : IDeadLetterSink
    {
        public Task SendAsync(FailedRecord record, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"Unexpected dead letter in the benchmark: {record.ErrorMessage}");
    }
}
