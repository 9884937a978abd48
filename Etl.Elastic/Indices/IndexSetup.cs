using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Etl.Elastic.Transport;
using Etl.Schemas.Elasticsearch;

namespace Etl.Elastic.Indices;

/// <summary>
/// Installs or upgrades the ILM policy and the index/component templates from <see cref="ElasticsearchTemplates"/>.
/// Running it again changes nothing.
/// </summary>
/// <remarks>
/// Deciding "equal" by comparing our body with what GET returns does not work: Elasticsearch normalises what it
/// stores (settings become nested strings, defaults appear). So each body gets a fingerprint of its content in
/// <c>_meta</c> — which Elasticsearch keeps verbatim — and the fingerprint alone is compared. A hand edit in Kibana
/// keeps the old fingerprint and is not reverted; a changed template file always is.
/// </remarks>
public sealed class IndexSetup
{
    /// <summary>Marks objects this project manages, for anyone browsing templates in Kibana.</summary>
    public const string ManagedBy = "tweet-etl";

    private readonly IndicesClient _indices;
    private readonly TimeSpan _tweetsRetention;

    public IndexSetup(IndicesClient indices, TimeSpan tweetsRetention)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (tweetsRetention < TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(tweetsRetention), tweetsRetention, "Tweets retention must be at least a day (Elasticsearch:TweetsRetention).");
        }

        _indices = indices;
        _tweetsRetention = tweetsRetention;
    }

    public async Task<IndexSetupReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var changes = new List<IndexSetupChange>();
        // Order matters: settings name the policy, index templates name their component templates.
        foreach (var resource in ElasticsearchTemplates.All)
        {
            changes.Add(await ApplyAsync(resource, cancellationToken));
        }

        return new IndexSetupReport(changes);
    }

    /// <summary>The body that would be sent for <paramref name="resource"/>, fingerprint included.</summary>
    public JsonObject DesiredBody(TemplateResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var body = JsonNode.Parse(resource.ReadJson())?.AsObject()
            ?? throw new InvalidDataException($"Template resource {resource.ResourceName} is not a JSON object.");
        if (resource.Kind == TemplateKind.LifecyclePolicy)
        {
            var delete = body["policy"]?["phases"]?["delete"]?.AsObject()
                ?? throw new InvalidDataException($"ILM policy {resource.Name} has no delete phase to carry Elasticsearch:TweetsRetention.");
            delete["min_age"] = ElasticsearchTimeUnits.Format(_tweetsRetention);
        }

        var meta = new JsonObject { ["managed_by"] = ManagedBy, ["fingerprint"] = Fingerprint(body) };
        MetaParent(resource.Kind, body)["_meta"] = meta;
        return body;
    }

    private async Task<IndexSetupChange> ApplyAsync(TemplateResource resource, CancellationToken cancellationToken)
    {
        var desired = DesiredBody(resource);
        var wanted = MetaParent(resource.Kind, desired)["_meta"]!["fingerprint"]!.GetValue<string>();
        var current = await _indices.GetMetaAsync(resource.Kind, resource.Name, cancellationToken);
        var installed = current is not null && current.TryGetValue("fingerprint", out var f) ? f?.ToString() : null;
        if (installed == wanted)
        {
            return new IndexSetupChange(resource.Kind, resource.Name, IndexSetupAction.Unchanged);
        }

        await _indices.PutAsync(resource.Kind, resource.Name, desired, cancellationToken);
        return new IndexSetupChange(resource.Kind, resource.Name, current is null ? IndexSetupAction.Created : IndexSetupAction.Updated);
    }

    /// <summary>ILM keeps <c>_meta</c> inside <c>policy</c>; templates at the top.</summary>
    private static JsonObject MetaParent(TemplateKind kind, JsonObject body) =>
        kind == TemplateKind.LifecyclePolicy ? body["policy"]!.AsObject() : body;

    private static string Fingerprint(JsonObject body)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(body.ToJsonString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
