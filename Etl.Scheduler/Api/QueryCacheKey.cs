namespace Etl.Scheduler.Api;

/// <summary>
/// One query API answer's identity: the endpoint and its parameters after defaults and normalisation (trimmed,
/// lower-cased, whitespace collapsed), in a fixed order.
/// </summary>
public sealed record QueryCacheKey(string Endpoint, string Parameters)
{
    public static QueryCacheKey Of(string endpoint, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return new QueryCacheKey(endpoint, string.Join('&', parameters.Select(p => p.Name + "=" + Normalize(Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)))));
    }

    public static string Normalize(string? text) =>
        string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
