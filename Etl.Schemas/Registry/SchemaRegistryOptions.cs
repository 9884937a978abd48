namespace Etl.Schemas.Registry;

/// <summary>How to reach Confluent Schema Registry. Bound from the <c>SchemaRegistry</c> configuration section.</summary>
public sealed class SchemaRegistryOptions
{
    public const string SectionName = "SchemaRegistry";

    /// <summary>Base URL, e.g. <c>http://schema-registry:8081</c>.</summary>
    public string Url { get; set; } = "http://localhost:8081";

    /// <summary><c>user:password</c> for HTTP basic auth (Confluent's <c>basic.auth.user.info</c>); empty for none.</summary>
    public string? BasicAuthUserInfo { get; set; }

    /// <summary>Timeout of one HTTP attempt.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries after the first attempt, for 5xx answers and network errors only.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Delay before the first retry; doubles with each further retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
}
