using System.Text.Json.Serialization.Metadata;
using Etl.Elastic.Serialization;
using ClientOperation = Elastic.Clients.Elasticsearch.Core.Bulk.IBulkOperation;

namespace Etl.Elastic.Bulk;

/// <summary>One operation of a <c>_bulk</c> request: action, target index and id, and (index/create) the document.</summary>
public abstract class BulkOperation
{
    private protected BulkOperation(BulkAction action, string index, string? id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(index);
        Action = action;
        Index = index;
        Id = id;
    }

    public BulkAction Action { get; }

    public string Index { get; }

    /// <summary>Document id; null lets Elasticsearch generate one (index and create only).</summary>
    public string? Id { get; }

    /// <summary>Index (create or overwrite) <paramref name="document"/> under <paramref name="id"/>.</summary>
    public static BulkOperation<T> IndexDocument<T>(string index, string? id, T document, JsonTypeInfo<T> typeInfo) =>
        new(BulkAction.Index, index, id, document, typeInfo);

    /// <summary>Create <paramref name="document"/>; Elasticsearch answers 409 if <paramref name="id"/> exists.</summary>
    public static BulkOperation<T> CreateDocument<T>(string index, string? id, T document, JsonTypeInfo<T> typeInfo) =>
        new(BulkAction.Create, index, id, document, typeInfo);

    /// <summary>Index a document already serialized as UTF-8 JSON under <paramref name="id"/>.</summary>
    public static BulkOperation<RawJsonSource> IndexRaw(string index, string? id, ReadOnlyMemory<byte> utf8Json)
    {
        if (utf8Json.IsEmpty)
        {
            throw new ArgumentException("The document source is empty; a bulk index action needs a JSON object.", nameof(utf8Json));
        }

        return new(BulkAction.Index, index, id, new RawJsonSource(utf8Json), ElasticSourceContext.Default.RawJsonSource);
    }

    public static BulkDeleteOperation DeleteDocument(string index, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new BulkDeleteOperation(index, id);
    }

    /// <summary>The operation in the official client's terms; registers the document's metadata with <paramref name="sources"/>.</summary>
    internal abstract ClientOperation ToClient(SourceTypeResolver sources);
}
