namespace Etl.Enrichment.Text;

/// <summary>
/// One entity found in tweet text. <c>Start</c> and <c>End</c> are Unicode code point offsets (end exclusive),
/// the convention of Twitter's own <c>indices</c>, so an emoji before the entity counts as one.
/// <c>Value</c> is without the sigil: "nba" for #nba, "jack" for @jack, the URL as written, the emoji sequence.
/// <c>ListSlug</c> is "list" for a list mention <c>@user/list</c>, otherwise null.
/// </summary>
public readonly record struct TextEntity(EntityKind Kind, string Value, int Start, int End, string? ListSlug = null);
