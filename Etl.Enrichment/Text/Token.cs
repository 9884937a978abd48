namespace Etl.Enrichment.Text;

/// <summary>A token as a UTF-16 range of the text it came from, so tokenizing allocates nothing.</summary>
public readonly record struct Token(int Start, int Length, TokenKind Kind)
{
    public int End => Start + Length;

    public ReadOnlySpan<char> In(ReadOnlySpan<char> text) => text.Slice(Start, Length);
}
