using Etl.Schemas.Documents;

namespace Etl.Worker.Indexing;

/// <summary>One document to index, with <c>_id</c> = tweet id so a replay overwrites instead of duplicating.</summary>
public sealed record IndexAction(string Index, string Id, TweetDocument Document);
