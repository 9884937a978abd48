using System.Globalization;

namespace Etl.Scheduler.Cli;

/// <summary>Window lengths on the command line: a number and a unit (<c>30s</c>, <c>5m</c>, <c>1h</c>).</summary>
public static class WindowText
{
    public static TimeSpan Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        var unit = trimmed.Length > 1 ? trimmed[^1] : ' ';
        if (int.TryParse(trimmed.AsSpan(0, Math.Max(0, trimmed.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? span = unit switch
            {
                's' => TimeSpan.FromSeconds(amount),
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                _ => null,
            };
            if (span is { } value)
            {
                return value;
            }
        }

        throw new FormatException($"--window '{text}' is not a window length; use a whole number and s, m or h, e.g. 5m.");
    }
}
