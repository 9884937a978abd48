using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Etl.Elastic.Bulk;

/// <summary>An index or create action carrying a document serialized with source-generated metadata.</summary>
public sealed class BulkOperation<T> : BulkOperation
{
    private readonly JsonTypeInfo<T> _typeInfo;

    internal BulkOperation(BulkAction action, string index, string? id, T document, JsonTypeInfo<T> typeInfo)
        : base(action, index, id)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(typeInfo);
        Document = document;
        _typeInfo = typeInfo;
    }

    public T Document { get; }

    internal override bool WriteSource(Utf8JsonWriter writer)
    {
        JsonSerializer.Serialize(writer, Document, _typeInfo);
        return true;
    }
}
