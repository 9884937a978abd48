namespace Etl.Schemas.Avro;

/// <summary>An enumeration of symbols, encoded as the zero-based index of the symbol.</summary>
public sealed class EnumSchema : NamedSchema
{
    private readonly Dictionary<string, int> indexBySymbol;

    internal EnumSchema(string fullName, string? doc, IReadOnlyList<string> aliases, IReadOnlyList<string> symbols, string? defaultSymbol)
        : base(AvroType.Enum, fullName, doc, aliases)
    {
        Symbols = symbols;
        Default = defaultSymbol;
        indexBySymbol = new Dictionary<string, int>(symbols.Count, StringComparer.Ordinal);
        for (var i = 0; i < symbols.Count; i++)
        {
            indexBySymbol[symbols[i]] = i;
        }
    }

    public IReadOnlyList<string> Symbols { get; }

    /// <summary>The symbol a reader uses when the writer's symbol is unknown to it (spec: enum default).</summary>
    public string? Default { get; }

    /// <summary>Index of <paramref name="symbol"/>, or -1.</summary>
    public int IndexOf(string symbol) => indexBySymbol.GetValueOrDefault(symbol, -1);
}
