using System.Text.Json;

namespace Etl.Elastic.Bulk;

/// <summary>
/// An index action whose source is already UTF-8 JSON, so documents can be serialized in parallel upstream and the
/// bulk body only copies bytes.
/// </summary>
public sealed class BulkRawOperation : BulkOperation
{
    internal BulkRawOperation(string index, string? id, ReadOnlyMemory<byte> source)
        : base(BulkAction.Index, index, id)
    {
        if (source.IsEmpty)
        {
            throw new ArgumentException("The document source is empty; a bulk index action needs a JSON object.", nameof(source));
        }

        Source = source;
    }

    public ReadOnlyMemory<byte> Source { get; }

    internal override bool WriteSource(Utf8JsonWriter writer)
    {
        // Written by our own serializer a moment ago; validating it again would cost as much as writing it.
        writer.WriteRawValue(Source.Span, skipInputValidation: true);
        return true;
    }
}
