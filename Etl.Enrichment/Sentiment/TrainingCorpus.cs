using System.Globalization;
using System.Text;

namespace Etl.Enrichment.Sentiment;

/// <summary>Parses the training formats (pure text in, examples out; the CLI reads the files).</summary>
public static class TrainingCorpus
{
    /// <summary>
    /// A SemEval Task 4A line: <c>id TAB label TAB text</c> (2016 test adds a trailing tab). Texts may be wrapped in
    /// double quotes and carry literal <c>\u002c</c> escapes and HTML entities; both are decoded.
    /// </summary>
    public static bool TryParseSemEval(string line, out LabelledText? example)
    {
        ArgumentNullException.ThrowIfNull(line);
        example = null;
        var parts = line.Split('\t');
        if (parts.Length < 3 || !TryParseLabel(parts[1], out var label))
        {
            return false;
        }

        var text = Clean(parts[2]);
        if (text.Length == 0)
        {
            return false;
        }

        example = new LabelledText(text, label);
        return true;
    }

    public static bool TryParseLabel(string value, out SentimentClass label)
    {
        switch (value.Trim().ToLowerInvariant())
        {
            case "negative":
                label = SentimentClass.Negative;
                return true;
            case "neutral":
            case "objective":
            case "objective-or-neutral":
                label = SentimentClass.Neutral;
                return true;
            case "positive":
                label = SentimentClass.Positive;
                return true;
            default:
                label = SentimentClass.Neutral;
                return false;
        }
    }

    /// <summary>Undoes the escaping found in the distributed SemEval files.</summary>
    public static string Clean(string raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var text = raw.Trim();
        if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
        {
            text = text[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
        }

        if (text.Contains("\\u", StringComparison.Ordinal))
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\\' && i + 5 < text.Length && text[i + 1] == 'u' &&
                    int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                {
                    builder.Append((char)code);
                    i += 5;
                }
                else
                {
                    builder.Append(text[i]);
                }
            }

            text = builder.ToString();
        }

        return text.Contains('&', StringComparison.Ordinal) ? System.Net.WebUtility.HtmlDecode(text) : text;
    }
}
