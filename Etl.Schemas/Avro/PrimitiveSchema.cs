namespace Etl.Schemas.Avro;

/// <summary>null, boolean, int, long, float, double, bytes or string, optionally with a logical type.</summary>
public sealed class PrimitiveSchema : AvroSchema
{
    private static readonly PrimitiveSchema[] Plain =
    [
        new(AvroType.Null), new(AvroType.Boolean), new(AvroType.Int), new(AvroType.Long),
        new(AvroType.Float), new(AvroType.Double), new(AvroType.Bytes), new(AvroType.String),
    ];

    internal PrimitiveSchema(AvroType type)
        : base(type)
    {
    }

    /// <summary>The shared instance of a primitive type without logical type or attributes.</summary>
    public static PrimitiveSchema Of(AvroType type) => type <= AvroType.String
        ? Plain[(int)type]
        : throw new ArgumentOutOfRangeException(nameof(type), type, "Only null, boolean, int, long, float, double, bytes and string are primitive.");

    internal static bool TryParseName(string name, out AvroType type)
    {
        switch (name)
        {
            case "null": type = AvroType.Null; return true;
            case "boolean": type = AvroType.Boolean; return true;
            case "int": type = AvroType.Int; return true;
            case "long": type = AvroType.Long; return true;
            case "float": type = AvroType.Float; return true;
            case "double": type = AvroType.Double; return true;
            case "bytes": type = AvroType.Bytes; return true;
            case "string": type = AvroType.String; return true;
            default: type = AvroType.Null; return false;
        }
    }
}
