using System.Globalization;
using System.Text.RegularExpressions;

namespace Etl.Worker.Tests.Observability;

/// <summary>A scrape of <c>/metrics</c> read back into series, so tests ask for values, not for exact text.</summary>
internal sealed partial class PrometheusScrape
{
    private PrometheusScrape(string text, IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> series)
    {
        Text = text;
        Series = series;
    }

    public string Text { get; }

    public IReadOnlyList<(string Name, Dictionary<string, string> Labels, double Value)> Series { get; }

    public static PrometheusScrape Parse(string text)
    {
        var series = new List<(string, Dictionary<string, string>, double)>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a Prometheus sample line: '{line}'");
            var labels = LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(m => m.Groups["k"].Value, m => m.Groups["v"].Value.Replace("\\\"", "\"", StringComparison.Ordinal));
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, CultureInfo.InvariantCulture),
            };
            series.Add((match.Groups["name"].Value, labels, value));
        }

        return new PrometheusScrape(text, series);
    }

    /// <summary>The series of <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<(Dictionary<string, string> Labels, double Value)> Find(string name, params (string Key, string Value)[] labels) =>
        [.. Series.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Select(s => (s.Labels, s.Value))];

    /// <summary>The value of the one series that matches; fails when there is none or more than one.</summary>
    public double Value(string name, params (string Key, string Value)[] labels)
    {
        var found = Find(name, labels);
        Assert.True(found.Count == 1, $"{found.Count} series {name}{{{string.Join(",", labels.Select(l => $"{l.Key}=\"{l.Value}\""))}}} in:\n{Text}");
        return found[0].Value;
    }

    /// <summary>A histogram's cumulative count at the bucket bound <paramref name="le"/>.</summary>
    public double Bucket(string name, double le) =>
        Series.Single(s => s.Name == name + "_bucket" && s.Labels.TryGetValue("le", out var bound) && (bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture)) == le).Value;

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<k>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<v>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();
}
