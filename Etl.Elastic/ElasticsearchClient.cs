using Etl.Elastic.Bulk;
using Etl.Elastic.Cluster;
using Etl.Elastic.Connection;
using Etl.Elastic.Indices;
using Etl.Elastic.Search;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using OfficialClient = Elastic.Clients.Elasticsearch.ElasticsearchClient;

namespace Etl.Elastic;

/// <summary>
/// Our Elasticsearch layer over the official client (<see cref="Client"/>): bulk with our classification of item
/// answers, the few typed queries the jobs and the API run, and the idempotent setup of templates and ILM policy.
/// Create one per process and share it.
/// </summary>
public sealed class ElasticsearchClient : IDisposable
{
    private readonly global::Elastic.Clients.Elasticsearch.ElasticsearchClientSettings _settings;

    /// <param name="options">Where and how to connect.</param>
    public ElasticsearchClient(ElasticsearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sources = new SourceTypeResolver();
        _settings = ElasticsearchClientSettingsFactory.Create(options, sources);
        Client = new OfficialClient(_settings);
        Bulk = new BulkClient(Client, sources);
        Search = new SearchClient(Client, sources);
        Indices = new IndicesClient(Client);
        Cluster = new ClusterClient(Client);
        Setup = new IndexSetup(Indices, options.TweetsRetention);
    }

    /// <summary>The official client, for anything this layer does not cover.</summary>
    public OfficialClient Client { get; }

    public BulkClient Bulk { get; }

    public SearchClient Search { get; }

    public IndicesClient Indices { get; }

    public ClusterClient Cluster { get; }

    /// <summary>Installs the templates and ILM policy (what <c>etl-worker setup</c> runs).</summary>
    public IndexSetup Setup { get; }

    public void Dispose() => (_settings as IDisposable)?.Dispose();
}
