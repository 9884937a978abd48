namespace Etl.Schemas.Avro.Resolution;

/// <summary>
/// A writer schema resolved against a reader schema, computed once and reused for every datum. Record nodes are
/// shared for recursive schemas, which is why their members are filled after construction.
/// </summary>
internal sealed class ReadPlan
{
    public ReadPlan(ReadAction action, AvroSchema writer, AvroSchema reader)
    {
        Action = action;
        Writer = writer;
        Reader = reader;
    }

    public ReadAction Action { get; }

    public AvroSchema Writer { get; }

    public AvroSchema Reader { get; }

    /// <summary>Array items or map values.</summary>
    public ReadPlan? Element { get; set; }

    /// <summary>Smallest encoded size of one array item or map entry, to bound block counts.</summary>
    public int ElementMinBytes { get; set; }

    /// <summary>Per writer branch: the plan, or null with <see cref="BranchErrors"/> explaining why the branch cannot be read.</summary>
    public ReadPlan?[] Branches { get; set; } = [];

    public string?[] BranchErrors { get; set; } = [];

    public FieldPlan[] Fields { get; set; } = [];

    /// <summary>Reader fields the writer lacks, with the default to fill in.</summary>
    public (int Position, object? Value)[] Defaults { get; set; } = [];

    /// <summary>Writer symbol index to reader symbol index; -1 when the reader lacks the symbol and has no default.</summary>
    public int[] EnumMap { get; set; } = [];
}
