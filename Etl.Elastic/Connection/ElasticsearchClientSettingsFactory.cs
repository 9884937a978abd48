using Elastic.Clients.Elasticsearch;
using Elastic.Transport;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Connection;

/// <summary>Turns <see cref="ElasticsearchOptions"/> into the official client's settings.</summary>
public static class ElasticsearchClientSettingsFactory
{
    /// <param name="options">Where and how to connect.</param>
    /// <param name="sources">The source serializer's type resolver (our documents, vectors written compactly).</param>
    public static ElasticsearchClientSettings Create(ElasticsearchOptions options, SourceTypeResolver sources)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sources);
        var nodes = options.NodeUrls().Select(url => new Uri(url, UriKind.Absolute)).ToArray();
        if (nodes.Length == 0)
        {
            throw new ArgumentException("No Elasticsearch node address: set Elasticsearch:Url.", nameof(options));
        }

        // Several nodes: requests rotate over them and a node that fails is marked dead and skipped until it recovers.
        NodePool pool = nodes.Length == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes);
        var invoker = options.Gzip ? new HttpRequestInvoker((inner, _) => new FastGzipHandler(inner)) : new HttpRequestInvoker();
        var settings = new ElasticsearchClientSettings(
            pool,
            invoker,
            (_, clientSettings) => new global::Elastic.Clients.Elasticsearch.Serialization.DefaultSourceSerializer(
                clientSettings,
                sources,
                // Elasticsearch reads UTF-8; escaping every non-ASCII character (the default) would bloat accented and CJK tweets 2-3x.
                json => json.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping));
        // The timeout covers the whole exchange, answer included; a stalled node ends as a failed request.
        settings.RequestTimeout(options.RequestTimeout);
        settings.EnableHttpCompression(false);
        settings.DisableDirectStreaming(false);
        // The transport buffers each request body to send its length; a plain MemoryStream doubles and copies its way up
        // to every multi-megabyte bulk body (40% of the worker's garbage). Pooled blocks instead.
        settings.MemoryStreamFactory(RecyclableMemoryStreamFactory.Default);
        settings.ThrowExceptions(false);
        if (nodes.Length > 1)
        {
            settings.MaximumRetries(nodes.Length - 1);
        }

        if (!string.IsNullOrWhiteSpace(options.ApiKey))
        {
            settings.Authentication(new ApiKey(EncodeApiKey(options.ApiKey.Trim())));
        }
        else if (!string.IsNullOrWhiteSpace(options.Username))
        {
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        }

        // Our validator, not Elastic.Transport's AuthorityIsRoot or fingerprint check (see ServerCertificateValidator).
        if (!string.IsNullOrWhiteSpace(options.CaFile))
        {
            settings.ServerCertificateValidationCallback(ServerCertificateValidator.FromCaFile(options.CaFile).Validate);
        }
        else if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint))
        {
            settings.ServerCertificateValidationCallback(ServerCertificateValidator.FromFingerprint(options.CertificateFingerprint).Validate);
        }

        return settings;
    }

    /// <summary>"id:api_key" (what the create-API-key response shows separately) becomes the base64 value the header wants.</summary>
    private static string EncodeApiKey(string key) =>
        key.Contains(':', StringComparison.Ordinal) ? Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key)) : key;
}
