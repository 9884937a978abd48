using System.Text;

namespace Etl.Worker.Cli;

/// <summary>
/// Input that <c>etl-worker avro</c> cannot use: a schema that does not parse, a file that is not a readable container,
/// a JSON line that does not match the schema. The message names the field path (outermost first) and where in the
/// input it happened, e.g. <c>JSON "x" is not a valid Avro 'long'. [field user.id] [input line 3]</c>.
/// </summary>
public sealed class AvroInputException : Exception
{
    // Segments are collected innermost first while the exception unwinds through nested values.
    private readonly List<string> pathSegments = [];
    private readonly List<string> contexts = [];

    public AvroInputException()
        : this("Invalid Avro input.")
    {
    }

    public AvroInputException(string message)
        : this(message, null)
    {
    }

    public AvroInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>What went wrong, without location.</summary>
    public string Reason { get; }

    /// <summary>Dotted path of the field, e.g. <c>user.screen_name</c> or <c>entities.urls[2].url</c>; empty at top level.</summary>
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

            foreach (var context in contexts)
            {
                sb.Append(" [").Append(context).Append(']');
            }

            return sb.ToString();
        }
    }

    /// <summary>Adds an enclosing field name (or <c>[index]</c>) while the exception travels outwards.</summary>
    public AvroInputException PrependPath(string segment)
    {
        pathSegments.Add(segment);
        return this;
    }

    /// <summary>Adds where the failure happened beyond the field, e.g. the input line.</summary>
    public AvroInputException AddContext(string context)
    {
        contexts.Add(context);
        return this;
    }
}
