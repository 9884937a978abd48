namespace Etl.Enrichment.Embedding;

/// <summary>
/// The text a model embeds and the cache key it is stored under: a retweet's "RT @name: " prefix removed (the copy
/// then shares its original's vector and the prefix carries no meaning), runs of whitespace collapsed, trimmed, lower
/// case (the model is uncased, so case never changes its answer), links dropped (a t.co code is random word pieces
/// to the model, and without it a link shared with different short codes is one text).
/// </summary>
public static class EmbeddingText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var span = text.AsSpan().Trim();
        while (span.StartsWith("RT @", StringComparison.Ordinal))
        {
            var colon = span.IndexOf(':');
            if (colon < 0 || span[4..colon].ContainsAny(' ', '\n', '\t'))
            {
                break;
            }

            span = span[(colon + 1)..].TrimStart();
        }

        var words = span.ToString().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        return string.Join(' ', words.Where(w => !IsLink(w)));
    }

    private static bool IsLink(string word) =>
        word.StartsWith("http://", StringComparison.Ordinal) || word.StartsWith("https://", StringComparison.Ordinal);
}
