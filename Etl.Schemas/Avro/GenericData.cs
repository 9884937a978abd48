namespace Etl.Schemas.Avro;

/// <summary>Operations on generic values (see <see cref="GenericRecord"/> for their representation).</summary>
public static class GenericData
{
    /// <summary>Copies mutable values (records, arrays, maps, bytes) so a shared default is never handed out twice.</summary>
    public static object? DeepCopy(object? value) => value switch
    {
        null or bool or int or long or float or double or string or GenericEnumSymbol => value,
        byte[] bytes => bytes.ToArray(),
        GenericFixed fixedValue => new GenericFixed(fixedValue.Schema, fixedValue.Bytes.ToArray()),
        GenericRecord record => CopyRecord(record),
        List<object?> list => list.Select(DeepCopy).ToList(),
        Dictionary<string, object?> map => map.ToDictionary(e => e.Key, e => DeepCopy(e.Value), StringComparer.Ordinal),
        _ => value,
    };

    private static GenericRecord CopyRecord(GenericRecord record)
    {
        var copy = new GenericRecord(record.Schema);
        for (var i = 0; i < record.Values.Length; i++)
        {
            copy.Values[i] = DeepCopy(record.Values[i]);
        }

        return copy;
    }
}
