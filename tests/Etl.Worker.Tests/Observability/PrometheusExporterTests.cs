using Etl.Worker.Observability;
using etl.tweets;

namespace Etl.Worker.Tests.Observability;

public sealed class PrometheusExporterTests
{
    [Fact]
    public void Counters_histograms_and_gauges_render_in_the_text_format()
    {
        var meterName = "test-" + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(meterName);
        using var metrics = new PipelineMetrics(meterName: meterName);
        metrics.RecordConsumed(5);
        metrics.RecordIndexed(3);
        metrics.RecordDeadLettered(DeadLetterStage.index, "mapper_parsing_exception");
        metrics.RecordDeadLettered(DeadLetterStage.deserialize, "AvroException");
        metrics.RecordDeadLettered(DeadLetterStage.index, "mapper_parsing_exception");
        metrics.RecordBatch(10, 4_000, TimeSpan.FromSeconds(0.02));
        metrics.RecordBatch(10, 4_000, TimeSpan.FromSeconds(3));
        metrics.SetLag(new Confluent.Kafka.TopicPartition("tweets.raw", 2), 17);

        var text = exporter.Scrape();

        Assert.Contains("# TYPE etl_worker_consumed_total counter", text);
        Assert.Contains("etl_worker_consumed_total 5\n", text);
        Assert.Contains("etl_worker_indexed_total 3\n", text);
        Assert.Contains("etl_worker_dead_lettered_total{reason=\"mapper_parsing_exception\",stage=\"index\"} 2\n", text);
        Assert.Contains("etl_worker_dead_lettered_total{reason=\"AvroException\",stage=\"deserialize\"} 1\n", text);
        Assert.Contains("# TYPE etl_worker_batch_latency_seconds histogram", text);
        Assert.Contains("etl_worker_batch_latency_seconds_bucket{le=\"0.025\"} 1\n", text);
        Assert.Contains("etl_worker_batch_latency_seconds_bucket{le=\"5\"} 2\n", text);
        Assert.Contains("etl_worker_batch_latency_seconds_bucket{le=\"+Inf\"} 2\n", text);
        Assert.Contains("etl_worker_batch_latency_seconds_count 2\n", text);
        Assert.Contains("etl_worker_consumer_lag{partition=\"2\",topic=\"tweets.raw\"} 17\n", text);
        Assert.Contains("etl_worker_paused 0\n", text);
    }

    [Fact]
    public void Gauges_report_the_latest_value_not_a_sum()
    {
        var meterName = "test-" + Guid.NewGuid().ToString("N");
        using var exporter = new PrometheusExporter(meterName);
        using var metrics = new PipelineMetrics(meterName: meterName);
        metrics.SetLag(new Confluent.Kafka.TopicPartition("tweets.raw", 0), 100);
        exporter.Scrape();
        metrics.SetLag(new Confluent.Kafka.TopicPartition("tweets.raw", 0), 4);
        metrics.SetPaused(true);

        var text = exporter.Scrape();

        Assert.Contains("etl_worker_consumer_lag{partition=\"0\",topic=\"tweets.raw\"} 4\n", text);
        Assert.Contains("etl_worker_paused 1\n", text);
    }
}
