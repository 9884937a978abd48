namespace Etl.Kafka.Registry;

/// <summary>How to reach Confluent Schema Registry. Bound from the <c>SchemaRegistry</c> configuration section.</summary>
public sealed class SchemaRegistryOptions
{
    public const string SectionName = "SchemaRegistry";

    /// <summary>One base URL or several separated by commas (tried in turn), e.g. <c>http://registry-1:8081,http://registry-2:8081</c>.</summary>
    public string Url { get; set; } = "http://localhost:8081";

    /// <summary><c>user:password</c> for HTTP basic auth (Confluent's <c>basic.auth.user.info</c>); empty for none.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>Timeout of one HTTP request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Confluent's <c>max.retries</c> (5xx answers and network errors); at least 1, the client does not work with 0.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; the client backs off from there up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many schemas the client keeps (by id and by subject); each writer schema is fetched once while cached.</summary>
    public int MaxCachedSchemas { get; set; } = 1000;

    /// <summary>The URLs of <see cref="Url"/>, trimmed, empty entries dropped.</summary>
    public IReadOnlyList<string> Urls() => Url.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
