using Etl.Elastic.Bulk;
using Etl.Elastic.Cluster;
using Etl.Elastic.Indices;
using Etl.Elastic.Search;
using Etl.Elastic.Transport;

namespace Etl.Elastic;

/// <summary>
/// The typed Elasticsearch client: one shared transport (connection pool, auth, TLS) and a part per API area.
/// Create one per process and share it.
/// </summary>
public sealed class ElasticsearchClient : IDisposable
{
    private readonly ElasticsearchTransport _transport;

    /// <param name="options">Where and how to connect.</param>
    /// <param name="handler">Replaces the socket handler, for tests that intercept HTTP; CaFile is then not applied.</param>
    public ElasticsearchClient(ElasticsearchOptions options, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _transport = new ElasticsearchTransport(options, handler);
        Bulk = new BulkClient(_transport);
        Search = new SearchClient(_transport);
        Indices = new IndicesClient(_transport);
        Cluster = new ClusterClient(_transport);
        Setup = new IndexSetup(Indices, options.TweetsRetention);
    }

    public BulkClient Bulk { get; }

    public SearchClient Search { get; }

    public IndicesClient Indices { get; }

    public ClusterClient Cluster { get; }

    /// <summary>Installs the templates and ILM policy (what <c>etl-worker setup</c> runs).</summary>
    public IndexSetup Setup { get; }

    public void Dispose() => _transport.Dispose();
}
