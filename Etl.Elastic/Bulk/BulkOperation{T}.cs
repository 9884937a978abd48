using System.Text.Json.Serialization.Metadata;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Etl.Elastic.Serialization;

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

    private global::Elastic.Clients.Elasticsearch.Id? ClientId => Id is null ? null : new global::Elastic.Clients.Elasticsearch.Id(Id);

    internal override IBulkOperation ToClient(SourceTypeResolver sources)
    {
        sources.Register(_typeInfo);
        return Action == BulkAction.Create
            ? new BulkCreateOperation<T>(Document) { Index = Index, Id = ClientId }
            : new BulkIndexOperation<T>(Document) { Index = Index, Id = ClientId };
    }
}
