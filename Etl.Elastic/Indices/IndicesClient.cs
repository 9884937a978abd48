using System.Text.Json;
using System.Text.Json.Nodes;
using Etl.Elastic.Transport;

namespace Etl.Elastic.Indices;

/// <summary>Index templates, component templates, ILM policies and aliases.</summary>
public sealed class IndicesClient
{
    private readonly ElasticsearchTransport _transport;

    public IndicesClient(ElasticsearchTransport transport) => _transport = transport;

    /// <summary>The stored <c>index_template</c> object, or null when there is no template of that name.</summary>
    public Task<JsonElement?> GetIndexTemplateAsync(string name, CancellationToken cancellationToken = default) =>
        GetNamedAsync($"_index_template/{Uri.EscapeDataString(name)}", "index_templates", "index_template", name, cancellationToken);

    public Task PutIndexTemplateAsync(string name, JsonObject body, CancellationToken cancellationToken = default) =>
        PutAsync($"_index_template/{Uri.EscapeDataString(name)}", body, cancellationToken);

    /// <summary>The stored <c>component_template</c> object, or null when there is none of that name.</summary>
    public Task<JsonElement?> GetComponentTemplateAsync(string name, CancellationToken cancellationToken = default) =>
        GetNamedAsync($"_component_template/{Uri.EscapeDataString(name)}", "component_templates", "component_template", name, cancellationToken);

    public Task PutComponentTemplateAsync(string name, JsonObject body, CancellationToken cancellationToken = default) =>
        PutAsync($"_component_template/{Uri.EscapeDataString(name)}", body, cancellationToken);

    /// <summary>The stored <c>policy</c> object, or null when there is no policy of that name.</summary>
    public async Task<JsonElement?> GetLifecyclePolicyAsync(string name, CancellationToken cancellationToken = default)
    {
        using var document = await _transport.SendAsync(HttpMethod.Get, $"_ilm/policy/{Uri.EscapeDataString(name)}", null, cancellationToken, notFoundIsNull: true);
        // {"<name>": {"version": 1, "modified_date": "...", "policy": {...}}}
        return document is not null && document.RootElement.TryGetProperty(name, out var entry) && entry.TryGetProperty("policy", out var policy)
            ? policy.Clone()
            : null;
    }

    /// <summary>Creates or replaces a policy; <paramref name="body"/> is <c>{"policy": {...}}</c>.</summary>
    public Task PutLifecyclePolicyAsync(string name, JsonObject body, CancellationToken cancellationToken = default) =>
        PutAsync($"_ilm/policy/{Uri.EscapeDataString(name)}", body, cancellationToken);

    /// <summary>Points <paramref name="alias"/> at <paramref name="index"/> as well (aliases may span indices).</summary>
    public Task PutAliasAsync(string index, string alias, CancellationToken cancellationToken = default) =>
        PutAsync($"{Uri.EscapeDataString(index)}/_alias/{Uri.EscapeDataString(alias)}", null, cancellationToken);

    /// <summary>Applies <c>add</c>/<c>remove</c> alias actions atomically (<c>POST _aliases</c>).</summary>
    public async Task UpdateAliasesAsync(JsonArray actions, CancellationToken cancellationToken = default)
    {
        using var content = ElasticsearchTransport.Json(new JsonObject { ["actions"] = actions.DeepClone() });
        using var _ = await _transport.SendAsync(HttpMethod.Post, "_aliases", content, cancellationToken);
    }

    /// <summary>Indices behind <paramref name="alias"/>; empty when the alias does not exist.</summary>
    public async Task<IReadOnlyList<string>> GetAliasIndicesAsync(string alias, CancellationToken cancellationToken = default)
    {
        using var document = await _transport.SendAsync(HttpMethod.Get, $"_alias/{Uri.EscapeDataString(alias)}", null, cancellationToken, notFoundIsNull: true);
        return document is null ? [] : [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>Makes recent writes searchable now instead of at the next refresh interval.</summary>
    public async Task RefreshAsync(string index, CancellationToken cancellationToken = default)
    {
        using var _ = await _transport.SendAsync(HttpMethod.Post, $"{Uri.EscapeDataString(index)}/_refresh", null, cancellationToken);
    }

    /// <summary>Names of the indices matching <paramref name="pattern"/> (<c>GET _cat/indices</c>); empty when none match.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(string pattern, CancellationToken cancellationToken = default)
    {
        using var document = await _transport.SendAsync(
            HttpMethod.Get, $"_cat/indices/{Uri.EscapeDataString(pattern)}?format=json&h=index&expand_wildcards=open,closed", null, cancellationToken, notFoundIsNull: true);
        // [{"index": "tweets-2024.05"}, ...]
        return document is null || document.RootElement.ValueKind != JsonValueKind.Array
            ? []
            : [.. document.RootElement.EnumerateArray().Select(e => e.GetProperty("index").GetString()!).Order(StringComparer.Ordinal)];
    }

    /// <summary>Deletes one index by its exact name; an index already gone is not an error.</summary>
    public async Task DeleteAsync(string index, CancellationToken cancellationToken = default)
    {
        if (index.Contains('*', StringComparison.Ordinal) || index.Contains(',', StringComparison.Ordinal))
        {
            throw new ArgumentException($"Refusing to delete '{index}': name one index exactly, not a pattern or list.", nameof(index));
        }

        using var _ = await _transport.SendAsync(HttpMethod.Delete, Uri.EscapeDataString(index), null, cancellationToken, notFoundIsNull: true);
    }

    private async Task<JsonElement?> GetNamedAsync(string path, string listName, string itemName, string name, CancellationToken cancellationToken)
    {
        using var document = await _transport.SendAsync(HttpMethod.Get, path, null, cancellationToken, notFoundIsNull: true);
        if (document is null || !document.RootElement.TryGetProperty(listName, out var list))
        {
            return null;
        }

        // {"index_templates": [{"name": "...", "index_template": {...}}]}
        foreach (var entry in list.EnumerateArray())
        {
            if (entry.TryGetProperty("name", out var n) && n.GetString() == name && entry.TryGetProperty(itemName, out var item))
            {
                return item.Clone();
            }
        }

        return null;
    }

    private async Task PutAsync(string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : ElasticsearchTransport.Json(body);
        using var _ = await _transport.SendAsync(HttpMethod.Put, path, content, cancellationToken);
    }
}
