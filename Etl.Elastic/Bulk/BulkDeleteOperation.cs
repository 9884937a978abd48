using Elastic.Clients.Elasticsearch.Core.Bulk;
using Etl.Elastic.Serialization;

namespace Etl.Elastic.Bulk;

/// <summary>A delete action: an action line with no source line.</summary>
public sealed class BulkDeleteOperation : BulkOperation
{
    internal BulkDeleteOperation(string index, string id)
        : base(BulkAction.Delete, index, id)
    {
    }

    internal override IBulkOperation ToClient(SourceTypeResolver sources) =>
        new global::Elastic.Clients.Elasticsearch.Core.Bulk.BulkDeleteOperation(Id!) { Index = Index };
}
