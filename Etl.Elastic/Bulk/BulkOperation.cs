using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Etl.Elastic.Bulk;

/// <summary>One action line of a <c>_bulk</c> request, plus its source line for index and create.</summary>
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
    public static BulkRawOperation IndexRaw(string index, string? id, ReadOnlyMemory<byte> utf8Json) => new(index, id, utf8Json);

    public static BulkDeleteOperation DeleteDocument(string index, string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return new BulkDeleteOperation(index, id);
    }

    /// <summary>Writes the source line; operations without one (delete) write nothing and return false.</summary>
    internal abstract bool WriteSource(Utf8JsonWriter writer);
}
