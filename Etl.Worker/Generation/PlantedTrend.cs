using System.Globalization;

namespace Etl.Worker.Generation;

/// <summary>
/// A topic the generator makes trend on purpose: from <see cref="Start"/> (offset from the start of the generated span)
/// for <see cref="Duration"/>, <see cref="Share"/> of all tweets are about it. Ground truth for trend detection.
/// A <see cref="Paraphrased"/> trend is one of the generator's stories told in varied words with no hashtag.
/// </summary>
public sealed record PlantedTrend(string Label, TimeSpan Start, TimeSpan Duration, double Share, bool Paraphrased = false)
{
    public const string ParaphrasedFlag = "paraphrased";

    /// <summary>Labels of the stories a paraphrased trend can tell.</summary>
    public static IReadOnlyCollection<string> ParaphraseStories => [.. ParaphraseLexicon.Stories.Keys.Order(StringComparer.Ordinal)];

    /// <summary>
    /// Parses <c>label:start:duration:share</c>, e.g. <c>solar-eclipse:30m:20m:0.3</c>, or with a fifth field
    /// <c>paraphrased</c> for a story without a hashtag, e.g. <c>power-outage:30m:20m:0.2:paraphrased</c>.
    /// </summary>
    public static PlantedTrend Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        if (parts.Length is not (4 or 5))
        {
            throw new FormatException($"--trend '{text}' must be label:start:duration:share[:{ParaphrasedFlag}], e.g. 'solar-eclipse:30m:20m:0.3' or 'power-outage:30m:20m:0.2:{ParaphrasedFlag}'.");
        }

        var paraphrased = parts.Length == 5;
        if (paraphrased && !string.Equals(parts[4].Trim(), ParaphrasedFlag, StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"--trend '{text}': the fifth field is '{parts[4]}'; the only one known is '{ParaphrasedFlag}'.");
        }

        if (paraphrased && !ParaphraseLexicon.Stories.ContainsKey(parts[0].Trim()))
        {
            throw new FormatException($"--trend '{text}': there is no paraphrased story '{parts[0]}'; use one of {string.Join(", ", ParaphraseStories)}.");
        }

        var label = parts[0].Trim();
        if (label.Length == 0 || !label.All(c => char.IsLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new FormatException($"--trend label '{parts[0]}' must be letters, digits, '-' or '_', e.g. 'solar-eclipse'.");
        }

        var start = Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(parts[1], "--trend start");
        var duration = Etl.Elastic.Transport.ElasticsearchTimeUnits.Parse(parts[2], "--trend duration");
        if (duration <= TimeSpan.Zero)
        {
            throw new FormatException($"--trend duration '{parts[2]}' must be positive, e.g. '20m'.");
        }

        if (!double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var share) || share <= 0 || share > 1)
        {
            throw new FormatException($"--trend share '{parts[3]}' must be a number in (0, 1], e.g. '0.3'.");
        }

        return new PlantedTrend(label, start, duration, share, paraphrased);
    }

    /// <summary>The hashtag the trend's tweets carry: the label without separators, words capitalised.</summary>
    public string Hashtag => string.Concat(Label.Split('-', '_', StringSplitOptions.RemoveEmptyEntries)
        .Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    public bool IsActiveAt(TimeSpan offset) => offset >= Start && offset < Start + Duration;
}
