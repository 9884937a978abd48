using System.Text;
using Etl.Schemas.Avro;

namespace Etl.Schemas.Tests.Avro;

/// <summary>Seeded generator of random schemas (as JSON) and of random values for a schema.</summary>
internal sealed class RandomSchemas(int seed)
{
    private readonly Random random = new(seed);
    private int nameCounter;

    public string NextSchemaJson(int depth = 0)
    {
        var choice = random.Next(depth >= 3 ? 8 : 14);
        switch (choice)
        {
            case 0: return "\"null\"";
            case 1: return "\"boolean\"";
            case 2: return "\"int\"";
            case 3: return "\"long\"";
            case 4: return "\"float\"";
            case 5: return "\"double\"";
            case 6: return "\"bytes\"";
            case 7: return "\"string\"";
            case 8: return $"{{\"type\":\"array\",\"items\":{NextSchemaJson(depth + 1)}}}";
            case 9: return $"{{\"type\":\"map\",\"values\":{NextSchemaJson(depth + 1)}}}";
            case 10: return $"{{\"type\":\"enum\",\"name\":\"E{nameCounter++}\",\"symbols\":[\"A\",\"B\",\"C\"]}}";
            case 11: return $"{{\"type\":\"fixed\",\"name\":\"F{nameCounter++}\",\"size\":{random.Next(0, 5)}}}";
            case 12:
            {
                // Union of distinct unnamed types plus one record.
                var branches = new List<string> { "\"null\"" };
                foreach (var t in new[] { "\"int\"", "\"string\"", "\"double\"" })
                {
                    if (random.Next(2) == 0)
                    {
                        branches.Add(t);
                    }
                }

                branches.Add(RecordJson(depth + 1));
                return "[" + string.Join(",", branches) + "]";
            }

            default:
                return RecordJson(depth + 1);
        }
    }

    public object? NextValue(AvroSchema schema) => schema switch
    {
        { Type: AvroType.Null } => null,
        { Type: AvroType.Boolean } => random.Next(2) == 1,
        { Type: AvroType.Int } => random.Next(4) == 0 ? random.Next(int.MinValue, int.MaxValue) : random.Next(-100, 100),
        { Type: AvroType.Long } => random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.NextInt64(-1000, 1000),
        { Type: AvroType.Float } => (float)(random.NextDouble() * 1000 - 500),
        { Type: AvroType.Double } => random.NextDouble() * 1e6 - 5e5,
        { Type: AvroType.Bytes } => RandomBytes(random.Next(0, 20)),
        { Type: AvroType.String } => RandomString(),
        EnumSchema e => new GenericEnumSymbol(e, e.Symbols[random.Next(e.Symbols.Count)]),
        FixedSchema f => new GenericFixed(f, RandomBytes(f.Size)),
        ArraySchema a => Enumerable.Range(0, random.Next(0, 4)).Select(_ => NextValue(a.Items)).ToList(),
        MapSchema m => Enumerable.Range(0, random.Next(0, 4)).ToDictionary(i => "k" + i, _ => NextValue(m.Values)),
        UnionSchema u => NextValue(u.Branches[random.Next(u.Branches.Count)]),
        RecordSchema r => RandomRecord(r),
        _ => throw new InvalidOperationException(),
    };

    private string RecordJson(int depth)
    {
        var fields = Enumerable.Range(0, random.Next(0, 4)).Select(i => $"{{\"name\":\"f{i}\",\"type\":{NextSchemaJson(depth)}}}");
        return $"{{\"type\":\"record\",\"name\":\"R{nameCounter++}\",\"fields\":[{string.Join(",", fields)}]}}";
    }

    private GenericRecord RandomRecord(RecordSchema schema)
    {
        var record = new GenericRecord(schema);
        foreach (var field in schema.Fields)
        {
            record[field.Position] = NextValue(field.Schema);
        }

        return record;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string RandomString()
    {
        const string alphabet = "abcXYZ 09\"\\\n\té漢😀";
        var sb = new StringBuilder();
        var length = random.Next(0, 8);
        var elements = System.Globalization.StringInfo.GetTextElementEnumerator(alphabet);
        var pieces = new List<string>();
        while (elements.MoveNext())
        {
            pieces.Add(elements.GetTextElement());
        }

        for (var i = 0; i < length; i++)
        {
            sb.Append(pieces[random.Next(pieces.Count)]);
        }

        return sb.ToString();
    }
}
