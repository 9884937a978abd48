namespace Etl.Enrichment.Text;

public enum TokenKind : byte
{
    Word,
    Number,
    Hashtag,
    Mention,
    Url,
    Emoticon,
    Emoji,
    /// <summary>A run of '!' and/or '?'.</summary>
    Exclamation,
    /// <summary>'.', ',', ';', ':' or an ellipsis: ends a negation scope.</summary>
    ClauseBreak,
}
