using Etl.Elastic.Transport;
using Etl.Testing.Elasticsearch;

namespace Etl.Elastic.Tests;

internal static class StubClient
{
    /// <summary>A client pointed at the stub; <paramref name="configure"/> adjusts options (auth, gzip...).</summary>
    public static ElasticsearchClient For(ElasticsearchStub es, Action<ElasticsearchOptions>? configure = null)
    {
        var options = new ElasticsearchOptions { Url = es.Url.ToString(), RequestTimeout = TimeSpan.FromSeconds(10) };
        configure?.Invoke(options);
        return new ElasticsearchClient(options);
    }
}
