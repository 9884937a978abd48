using System.Text.Json.Nodes;
using Avro;

namespace Etl.Worker.Cli;

/// <summary>The schema view <see cref="AvroJsonReader"/> and <see cref="AvroJsonWriter"/> work on.</summary>
public static class AvroJsonSchema
{
    /// <summary>
    /// The same schema with every <c>logicalType</c> removed. The JSON encoding of a logical type is that of its
    /// underlying type, and the binary encoding is identical, so values read and written with this schema are
    /// the plain Avro values (a <c>timestamp-millis</c> stays the long in the file). Apache Avro's generic reader
    /// would otherwise turn them into <see cref="DateTime"/>, <see cref="Guid"/> or decimals, and fail on a long
    /// beyond year 9999.
    /// </summary>
    public static Schema WithoutLogicalTypes(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var node = JsonNode.Parse(schema.ToString());
        Strip(node);
        return Schema.Parse(node!.ToJsonString());
    }

    /// <summary>The name a union branch is written under in the JSON encoding: the full name of a named type, else the type.</summary>
    public static string BranchName(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return schema switch
        {
            NamedSchema named => named.Fullname,
            LogicalSchema logical => BranchName(logical.BaseSchema),
            _ => schema.Tag switch
            {
                Schema.Type.Null => "null",
                Schema.Type.Boolean => "boolean",
                Schema.Type.Int => "int",
                Schema.Type.Long => "long",
                Schema.Type.Float => "float",
                Schema.Type.Double => "double",
                Schema.Type.Bytes => "bytes",
                Schema.Type.String => "string",
                Schema.Type.Array => "array",
                Schema.Type.Map => "map",
                _ => "union",
            },
        };
    }

    // Only schema positions are visited, so a "logicalType" key inside a default value or a custom property stays.
    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray union:
                foreach (var branch in union)
                {
                    Strip(branch);
                }

                break;
            case JsonObject schema:
                schema.Remove("logicalType");
                if (schema["type"] is JsonValue type && type.TryGetValue<string>(out var name))
                {
                    switch (name)
                    {
                        case "record" or "error" when schema["fields"] is JsonArray fields:
                            foreach (var field in fields)
                            {
                                Strip(field?["type"]);
                            }

                            break;
                        case "array":
                            Strip(schema["items"]);
                            break;
                        case "map":
                            Strip(schema["values"]);
                            break;
                    }
                }
                else
                {
                    Strip(schema["type"]);
                }

                break;
        }
    }
}
