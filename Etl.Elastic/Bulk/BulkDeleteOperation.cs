using System.Text.Json;

namespace Etl.Elastic.Bulk;

/// <summary>A delete action: an action line with no source line.</summary>
public sealed class BulkDeleteOperation : BulkOperation
{
    internal BulkDeleteOperation(string index, string id)
        : base(BulkAction.Delete, index, id)
    {
    }

    internal override bool WriteSource(Utf8JsonWriter writer) => false;
}
