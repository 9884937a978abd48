using System.Text.Json;
using System.Text.Json.Nodes;
using Elastic.Clients.Elasticsearch;
using OfficialClient = Elastic.Clients.Elasticsearch.ElasticsearchClient;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.IndexLifecycleManagement;
using Elastic.Transport;
using Etl.Elastic.Serialization;
using Etl.Elastic.Transport;
using Etl.Schemas.Elasticsearch;

namespace Etl.Elastic.Indices;

/// <summary>
/// Index templates, component templates and ILM policies (read through the client's typed APIs; written as our raw JSON
/// files through the client's transport, since the files are the contract), and listing and deleting indices.
/// </summary>
public sealed class IndicesClient
{
    private readonly OfficialClient _client;

    internal IndicesClient(OfficialClient client) => _client = client;

    /// <summary>
    /// The <c>_meta</c> of the stored template or policy, or null when none of that name exists.
    /// For all three kinds Elasticsearch keeps <c>_meta</c> verbatim.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, object>?> GetMetaAsync(TemplateKind kind, string name, CancellationToken cancellationToken = default)
    {
        switch (kind)
        {
            case TemplateKind.LifecyclePolicy:
                var policy = await ClientCall.RunAsync($"GET _ilm/policy/{name}", () => _client.IndexLifecycleManagement.GetLifecycleAsync(new GetLifecycleRequest(name), cancellationToken), tolerated: 404);
                return Missing(policy) ? null
                    : policy.Lifecycles.TryGetValue(name, out var lifecycle) ? Meta(lifecycle.Policy.Meta) : null;
            case TemplateKind.ComponentTemplate:
                var component = await ClientCall.RunAsync($"GET _component_template/{name}", () => _client.Cluster.GetComponentTemplateAsync(new global::Elastic.Clients.Elasticsearch.Cluster.GetComponentTemplateRequest(name), cancellationToken), tolerated: 404);
                return Missing(component) ? null
                    : Meta(component.ComponentTemplates.FirstOrDefault(t => t.Name == name)?.ComponentTemplateNode.Meta);
            default:
                var template = await ClientCall.RunAsync($"GET _index_template/{name}", () => _client.Indices.GetIndexTemplateAsync(new GetIndexTemplateRequest(name), cancellationToken), tolerated: 404);
                return Missing(template) ? null
                    : Meta(template.IndexTemplates.FirstOrDefault(t => t.Name == name)?.IndexTemplate.Meta);
        }
    }

    /// <summary>Creates or replaces a template or policy from its JSON body (the body files are the contract).</summary>
    public async Task PutAsync(TemplateKind kind, string name, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var path = kind switch
        {
            TemplateKind.LifecyclePolicy => "_ilm/policy/",
            TemplateKind.ComponentTemplate => "_component_template/",
            _ => "_index_template/",
        } + Uri.EscapeDataString(name);
        var json = JsonSerializer.Serialize(body, ElasticJsonNodeContext.Default.JsonObject);
        await ClientCall.RunAsync("PUT " + path, () => _client.Transport.RequestAsync<PutIndexTemplateResponse>(global::Elastic.Transport.HttpMethod.PUT, path, PostData.String(json), cancellationToken));
    }

    /// <summary>Creates or replaces an index template from its JSON body.</summary>
    public Task PutIndexTemplateAsync(string name, JsonObject body, CancellationToken cancellationToken = default) =>
        PutAsync(TemplateKind.IndexTemplate, name, body, cancellationToken);

    /// <summary>Makes recent writes searchable now instead of at the next refresh interval.</summary>
    public async Task RefreshAsync(string index, CancellationToken cancellationToken = default)
    {
        await ClientCall.RunAsync($"POST {index}/_refresh", () => _client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken));
    }

    /// <summary>Names of the indices matching <paramref name="pattern"/> (<c>GET pattern</c>), open or closed; empty when none match.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string pattern, CancellationToken cancellationToken = default)
    {
        var response = await ClientCall.RunAsync($"GET {pattern}", () => _client.Indices.GetAsync(
            // Aliases only: the names are all we need, and a monthly index's mapping is large.
            new GetIndexRequest(pattern) { ExpandWildcards = [ExpandWildcard.Open, ExpandWildcard.Closed], AllowNoIndices = true, IgnoreUnavailable = true, Features = [Feature.Aliases] },
            cancellationToken), tolerated: 404);
        if (Missing(response))
        {
            return [];
        }

        return [.. response.Indices.Keys.Select(k => k.ToString()).Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes one index by its exact name; an index already gone is not an error.</summary>
    public async Task DeleteAsync(string index, CancellationToken cancellationToken = default)
    {
        if (index.Contains('*', StringComparison.Ordinal) || index.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refusing to delete '{index}': name one index exactly, not a pattern or list.", nameof(index));
        }

        await ClientCall.RunAsync("DELETE " + index, () => _client.Indices.DeleteAsync(new DeleteIndexRequest(index), cancellationToken), tolerated: 404);
    }

    private static Dictionary<string, object> Meta(IEnumerable<KeyValuePair<string, object>>? meta) =>
        meta?.ToDictionary(StringComparer.Ordinal) ?? new Dictionary<string, object>(StringComparer.Ordinal);

    /// <summary>A 404: the object does not exist.</summary>
    private static bool Missing(global::Elastic.Transport.Products.Elasticsearch.ElasticsearchResponse response) =>
        response.ApiCallDetails?.HttpStatusCode == 404;
}
