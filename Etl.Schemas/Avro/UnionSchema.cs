namespace Etl.Schemas.Avro;

/// <summary>A union: the value has the schema of exactly one branch, encoded as the branch index then the value.</summary>
public sealed class UnionSchema : AvroSchema
{
    internal UnionSchema(IReadOnlyList<AvroSchema> branches)
        : base(AvroType.Union)
    {
        Branches = branches;
    }

    public IReadOnlyList<AvroSchema> Branches { get; }

    /// <summary>Index of the <c>null</c> branch, or -1.</summary>
    public int NullIndex
    {
        get
        {
            for (var i = 0; i < Branches.Count; i++)
            {
                if (Branches[i].Type == AvroType.Null)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
