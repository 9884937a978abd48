using System.Globalization;

namespace Etl.Elastic.Transport;

/// <summary>Elasticsearch's time-unit strings ("30s", "365d"), which it uses for keep-alives and ILM ages.</summary>
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

    private static string Invariant(long amount, string unit) => amount.ToString(CultureInfo.InvariantCulture) + unit;
}
