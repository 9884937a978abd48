namespace Etl.Enrichment.Text;

public enum EntityKind
{
    Url,
    Hashtag,
    Mention,
    Cashtag,
    Emoji,
}
