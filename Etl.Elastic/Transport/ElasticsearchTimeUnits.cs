using System.Globalization;

namespace Etl.Elastic.Transport;

/// <summary>
/// Elasticsearch's time-unit strings ("30s", "365d"), which it uses for keep-alives and ILM ages. The command lines
/// take durations in the same units, so users write windows and spans the way they write them for Elasticsearch.
/// </summary>
public static class ElasticsearchTimeUnits
{
    /// <summary>The largest whole unit that represents <paramref name="value"/> exactly.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "Elasticsearch time values cannot be negative.");
        }

        var ms = (long)value.TotalMilliseconds;
        return ms switch
        {
            _ when ms % 86_400_000 == 0 && ms > 0 => Invariant(ms / 86_400_000, "d"),
            _ when ms % 3_600_000 == 0 && ms > 0 => Invariant(ms / 3_600_000, "h"),
            _ when ms % 60_000 == 0 && ms > 0 => Invariant(ms / 60_000, "m"),
            _ when ms % 1000 == 0 && ms > 0 => Invariant(ms / 1000, "s"),
            _ => Invariant(ms, "ms"),
        };
    }

    /// <summary>
    /// Parses <c>250ms</c>, <c>90s</c>, <c>20m</c>, <c>2h</c>, <c>1d</c> (decimals allowed, e.g. <c>1.5h</c>) or <c>hh:mm:ss</c>.
    /// </summary>
    /// <param name="text">The text as the user gave it.</param>
    /// <param name="what">What the value is, for the error, e.g. <c>--window</c>.</param>
    /// <exception cref="FormatException">Names <paramref name="what"/>, the text and examples.</exception>
    public static TimeSpan Parse(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        foreach (var (unit, factor) in Units)
        {
            if (t.Length > unit.Length && t.EndsWith(unit, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(t[..^unit.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return TimeSpan.FromMilliseconds(amount * factor);
            }
        }

        if (t.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(t, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new FormatException($"{what} '{text}' is not a duration; use e.g. 90s, 20m, 2h, 1d or 01:30:00.");
    }

    // "ms" before "s" and "m", so 250ms is not read as 250m followed by a stray "s".
    private static readonly (string Unit, double Milliseconds)[] Units =
        [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)];

    private static string Invariant(long amount, string unit) => amount.ToString(CultureInfo.InvariantCulture) + unit;
}
