using System.Globalization;
using Etl.Schemas.Naming;

namespace Etl.Stack.Tests.Kibana;

/// <summary>
/// Turns a data view title (an index, alias or pattern) into concrete index names the pipeline creates, so the
/// template Elasticsearch would apply to them can be looked up.
/// </summary>
public static class DataViewIndex
{
    private static readonly DateTimeOffset SampleMonth = new(2025, 1, 15, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<string> SampleIndices(string title) =>
        title.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part switch
            {
                // An alias: its documents live in the monthly indices behind it.
                IndexNames.TweetsAlias => IndexNames.TweetsIndexFor(SampleMonth),
                _ => part.Replace("*", SampleMonth.ToString("yyyy.MM", CultureInfo.InvariantCulture), StringComparison.Ordinal),
            })
            .ToList();
}
