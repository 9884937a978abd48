using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Etl.Worker.Observability;

/// <summary>
/// Collects one meter's instruments with a <see cref="MeterListener"/> and renders them in the Prometheus text
/// exposition format (version 0.0.4): counters as <c>_total</c>, histograms as cumulative <c>_bucket</c>,
/// <c>_sum</c> and <c>_count</c>, gauges as they are observed at scrape time.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] Bounds = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1000, 5000];
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Labels), Series> series = new();
    private readonly Lock scrapeGate = new();

    public PrometheusExporter(string meterName)
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
    }

    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>The current values of every instrument, as Prometheus text.</summary>
    public string Scrape()
    {
        lock (scrapeGate)
        {
            // Gauges report their current values only when asked.
            foreach (var key in series.Where(kv => kv.Value.Kind == Gauge).Select(kv => kv.Key).ToList())
            {
                series.TryRemove(key, out _);
            }

            listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var group in series.GroupBy(s => s.Key.Instrument).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                var instrument = group.Key;
                var kind = group.First().Value.Kind;
                var name = kind == Counter ? instrument.Name + "_total" : instrument.Name;
                if (instrument.Description is { Length: > 0 } description)
                {
                    text.Append("# HELP ").Append(name).Append(' ').Append(description).Append('\n');
                }

                text.Append("# TYPE ").Append(name).Append(' ').Append(kind).Append('\n');
                foreach (var (key, value) in group.OrderBy(s => s.Key.Labels, StringComparer.Ordinal))
                {
                    value.Write(text, name, key.Labels);
                }
            }

            return text.ToString();
        }
    }

    public void Dispose() => listener.Dispose();

    private const string Counter = "counter";
    private const string Histogram = "histogram";
    private const string Gauge = "gauge";

    // Instruments are generic types (Counter<long>, Histogram<double>, ObservableGauge<int>), so their kind is read
    // from the type name once, when a series is created, not on every measurement.
    private static string KindOf(Instrument instrument) => instrument.GetType().Name switch
    {
        var n when n.StartsWith("ObservableGauge", StringComparison.Ordinal) => Gauge,
        var n when n.StartsWith("Histogram", StringComparison.Ordinal) => Histogram,
        _ => Counter,
    };

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var s = series.GetOrAdd((instrument, Labels(tags)), key => new Series(KindOf(key.Instrument)));
        s.Add(value);
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }

        var parts = new List<string>(tags.Length);
        foreach (var tag in tags)
        {
            var value = Convert.ToString(tag.Value, CultureInfo.InvariantCulture) ?? "";
            parts.Add($"{tag.Key}=\"{value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
        }

        parts.Sort(StringComparer.Ordinal);
        return string.Join(',', parts);
    }

    private sealed class Series(string kind)
    {
        private readonly Lock gate = new();
        private readonly long[] buckets = new long[Bounds.Length];
        private double sum;
        private long count;

        public string Kind { get; } = kind;

        public void Add(double value)
        {
            lock (gate)
            {
                if (Kind == Gauge)
                {
                    sum = value;
                    return;
                }

                sum += value;
                count++;
                if (Kind == Histogram)
                {
                    for (var i = 0; i < Bounds.Length; i++)
                    {
                        if (value <= Bounds[i])
                        {
                            buckets[i]++;
                        }
                    }
                }
            }
        }

        public void Write(StringBuilder text, string name, string labels)
        {
            lock (gate)
            {
                if (Kind != Histogram)
                {
                    text.Append(name).Append(Braces(labels)).Append(' ').Append(Format(sum)).Append('\n');
                    return;
                }

                for (var i = 0; i < Bounds.Length; i++)
                {
                    text.Append(name).Append("_bucket").Append(Braces(Join(labels, $"le=\"{Format(Bounds[i])}\""))).Append(' ').Append(buckets[i]).Append('\n');
                }

                text.Append(name).Append("_bucket").Append(Braces(Join(labels, "le=\"+Inf\""))).Append(' ').Append(count).Append('\n');
                text.Append(name).Append("_sum").Append(Braces(labels)).Append(' ').Append(Format(sum)).Append('\n');
                text.Append(name).Append("_count").Append(Braces(labels)).Append(' ').Append(count).Append('\n');
            }
        }

        private static string Join(string a, string b) => a.Length == 0 ? b : a + "," + b;

        private static string Braces(string labels) => labels.Length == 0 ? "" : "{" + labels + "}";

        private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }
}
