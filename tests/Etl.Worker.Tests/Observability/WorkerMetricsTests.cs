using Confluent.Kafka;
using Etl.Schemas.Records;
using Etl.Worker.Observability;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;

namespace Etl.Worker.Tests.Observability;

/// <summary>What a Prometheus scrape of <c>/metrics</c> shows, through the OpenTelemetry SDK the worker host uses.</summary>
public sealed class WorkerMetricsTests : IAsyncLifetime
{
    private WebApplication app = null!;
    private HttpClient http = null!;

    private PipelineMetrics Metrics => app.Services.GetRequiredService<PipelineMetrics>();

    public async Task InitializeAsync()
    {
        var port = Etl.Testing.Network.FreeTcpPort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.ListenLocalhost(port));
        builder.Services.AddWorkerMetrics(meterName: "test-" + Guid.NewGuid().ToString("N"));
        app = builder.Build();
        app.MapWorkerMetrics();
        await app.StartAsync();
        http = new HttpClient { BaseAddress = new Uri($"http://localhost:{port}/") };
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task Counters_dead_letters_by_reason_histograms_and_gauges_are_scraped_with_their_values()
    {
        Metrics.RecordConsumed(5);
        Metrics.RecordIndexed(3);
        Metrics.RecordRetried(2);
        Metrics.RecordDeadLettered(DeadLetterStage.Index, "mapper_parsing_exception");
        Metrics.RecordDeadLettered(DeadLetterStage.Deserialize, "AvroException");
        Metrics.RecordDeadLettered(DeadLetterStage.Index, "mapper_parsing_exception");
        Metrics.RecordBatch(10, 40_000, TimeSpan.FromSeconds(0.02));
        Metrics.RecordBatch(10, 3_000_000, TimeSpan.FromSeconds(3));
        Metrics.RecordEndToEnd(TimeSpan.FromSeconds(42), TimeSpan.FromSeconds(0.3));
        Metrics.SetLag(new TopicPartition("tweets.raw", 2), 17);

        var scrape = await ScrapeAsync();

        Assert.Equal(5, scrape.Value("etl_worker_consumed_total"));
        Assert.Equal(3, scrape.Value("etl_worker_indexed_total"));
        Assert.Equal(2, scrape.Value("etl_worker_retried_total"));
        Assert.Equal(2, scrape.Value("etl_worker_dead_lettered_total", ("stage", "index"), ("reason", "mapper_parsing_exception")));
        Assert.Equal(1, scrape.Value("etl_worker_dead_lettered_total", ("stage", "deserialize"), ("reason", "AvroException")));
        Assert.Equal(2, scrape.Value("etl_worker_batch_latency_seconds_count"));
        Assert.Equal(3.02, scrape.Value("etl_worker_batch_latency_seconds_sum"), precision: 6);
        // Bounds in seconds, so a 20 ms and a 3 s round trip land in different buckets.
        Assert.Equal(1, scrape.Bucket("etl_worker_batch_latency_seconds", 0.025));
        Assert.Equal(2, scrape.Bucket("etl_worker_batch_latency_seconds", 5));
        Assert.Equal(1, scrape.Bucket("etl_worker_batch_bytes", 64 << 10));
        Assert.Equal(3_040_000, scrape.Value("etl_worker_batch_bytes_sum"));
        Assert.Equal(20, scrape.Value("etl_worker_batch_size_sum"));
        Assert.Equal(1, scrape.Bucket("etl_worker_end_to_end_latency_from_ingest_seconds", 0.5));
        Assert.Equal(0, scrape.Bucket("etl_worker_end_to_end_latency_from_tweet_seconds", 30));
        Assert.Equal(17, scrape.Value("etl_worker_consumer_lag", ("topic", "tweets.raw"), ("partition", "2")));
        Assert.Equal(0, scrape.Value("etl_worker_paused"));
    }

    [Fact]
    public async Task Gauges_report_the_latest_value_and_a_revoked_partition_has_no_lag_series()
    {
        var kept = new TopicPartition("tweets.raw", 0);
        var revoked = new TopicPartition("tweets.raw", 1);
        Metrics.SetLag(kept, 100);
        Metrics.SetLag(revoked, 50);
        var before = await ScrapeAsync();
        Assert.Equal(50, before.Value("etl_worker_consumer_lag", ("partition", "1")));

        Metrics.SetLag(kept, 4);
        Metrics.RemoveLag(revoked);
        Metrics.SetPaused(true);
        var after = await ScrapeAsync();

        Assert.Equal(4, after.Value("etl_worker_consumer_lag", ("topic", "tweets.raw"), ("partition", "0")));
        Assert.Empty(after.Find("etl_worker_consumer_lag", ("partition", "1")));
        Assert.Equal(1, after.Value("etl_worker_paused"));
    }

    private async Task<PrometheusScrape> ScrapeAsync()
    {
        using var response = await http.GetAsync("metrics");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusScrape.Parse(await response.Content.ReadAsStringAsync());
    }
}
