using System.Text;

namespace Etl.Schemas.Avro;

/// <summary>
/// Base of every Avro failure: bad schema, bad data, incompatible schemas, unknown codec or registry trouble.
/// The message names the field path (outermost first) and the byte offset where decoding stopped, so a
/// dead-letter record tells an operator exactly where a payload went wrong.
/// </summary>
public class AvroException : Exception
{
    // Segments are collected innermost first while the exception unwinds through nested decoders.
    private readonly List<string> pathSegments = [];
    private readonly List<string> contexts = [];

    public AvroException()
        : this("Avro operation failed.")
    {
    }

    public AvroException(string message)
        : this(message, byteOffset: null, innerException: null)
    {
    }

    public AvroException(string message, Exception? innerException)
        : this(message, byteOffset: null, innerException)
    {
    }

    public AvroException(string reason, long? byteOffset, Exception? innerException = null)
        : base(reason, innerException)
    {
        Reason = reason;
        ByteOffset = byteOffset;
    }

    /// <summary>What went wrong, without location.</summary>
    public string Reason { get; }

    /// <summary>Offset of the byte where decoding stopped, relative to the start of the decoded buffer or block.</summary>
    public long? ByteOffset { get; }

    /// <summary>Dotted path of the field being read or written, e.g. <c>user.screen_name</c> or <c>entities.urls[2].url</c>; empty at top level.</summary>
    public string FieldPath
    {
        get
        {
            var sb = new StringBuilder();
            for (var i = pathSegments.Count - 1; i >= 0; i--)
            {
                var segment = pathSegments[i];
                if (sb.Length > 0 && !segment.StartsWith('['))
                {
                    sb.Append('.');
                }

                sb.Append(segment);
            }

            return sb.ToString();
        }
    }

    public override string Message
    {
        get
        {
            var sb = new StringBuilder(Reason);
            var path = FieldPath;
            if (path.Length > 0)
            {
                sb.Append(" [field ").Append(path).Append(']');
            }

            if (ByteOffset is { } offset)
            {
                sb.Append(" [byte offset ").Append(offset).Append(']');
            }

            foreach (var context in contexts)
            {
                sb.Append(" [").Append(context).Append(']');
            }

            return sb.ToString();
        }
    }

    /// <summary>Adds an enclosing field name (or <c>[index]</c>) while the exception travels outwards.</summary>
    public AvroException PrependPath(string segment)
    {
        pathSegments.Add(segment);
        return this;
    }

    /// <summary>Adds where the failure happened beyond the field, e.g. the container block.</summary>
    public AvroException AddContext(string context)
    {
        contexts.Add(context);
        return this;
    }
}
