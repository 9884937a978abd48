namespace Etl.Elastic.Transport;

/// <summary>How to reach Elasticsearch. Bound from the <c>Elasticsearch</c> configuration section.</summary>
public sealed class ElasticsearchOptions
{
    public const string SectionName = "Elasticsearch";

    /// <summary>Address of one node (or a load balancer). Ignored when <see cref="Urls"/> has entries.</summary>
    public string Url { get; set; } = "http://localhost:9200";

    /// <summary>Several nodes; requests rotate over them and move on when one refuses connections.</summary>
    public IList<string> Urls { get; } = new List<string>();

    /// <summary>API key: the base64 "encoded" value Elasticsearch returns, or <c>id:api_key</c>.</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>PEM file with the CA certificate(s) that signed the cluster's HTTP certificate.</summary>
    public string? CaFile { get; set; }

    /// <summary>
    /// SHA-256 fingerprint of the cluster's CA or HTTP certificate (hex, colons allowed), as Elasticsearch prints it at
    /// first start; an alternative to <see cref="CaFile"/>.
    /// </summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Time for one request from sending to the last byte of the answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gzip request bodies at the fastest level: about 5-8x fewer bytes on the wire for about twice the client-side cost
    /// of a bulk body. Off by default: on a local network the CPU matters more than the bytes. (The client's own
    /// compression uses the default level, which costs 4-5x; it is never turned on.)
    /// </summary>
    public bool Gzip { get; set; }

    /// <summary>Age (from index creation) after which the ILM policy deletes a monthly tweets index.</summary>
    public TimeSpan TweetsRetention { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The node addresses to use: <see cref="Urls"/> when given, else <see cref="Url"/>.</summary>
    public IReadOnlyList<string> NodeUrls() =>
        Urls.Count > 0 ? [.. Urls] : string.IsNullOrWhiteSpace(Url) ? [] : [Url];
}
