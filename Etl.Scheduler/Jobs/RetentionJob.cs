using System.ComponentModel;
using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Elastic;
using Etl.Elastic.Transport;
using Etl.Scheduler.Hosting;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// Deletes monthly tweets indices (<c>tweets-YYYY.MM</c>) whose month ended more than
/// <see cref="ElasticsearchOptions.TweetsRetention"/> ago: the same setting the ILM policy's delete phase gets, so
/// there is one retention age. ILM counts from an index's creation, which for a replay of old tweets is long after
/// their month; this job counts from the month itself, so old data never outlives the age. Only names of exactly that
/// form are touched: rollups, trends and dead letters never are.
/// </summary>
public sealed partial class RetentionJob(ElasticsearchClient elasticsearch, IOptions<ElasticsearchOptions> options, TimeProvider clock)
{
    [DisplayName("Retention")]
    [DisableConcurrentExecution("etl:retention", SchedulerOptions.JobLockWaitSeconds)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
    public async Task<JobFigures> RunAsync(CancellationToken cancellationToken)
    {
        var figures = new JobFigures();
        var cutoff = clock.GetUtcNow() - options.Value.TweetsRetention;
        foreach (var index in await elasticsearch.Indices.ListAsync(Etl.Schemas.Naming.IndexNames.TweetsPattern, cancellationToken))
        {
            figures.Add("indices_seen", 1);
            if (MonthEnd(index) is { } end && end <= cutoff)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await elasticsearch.Indices.DeleteAsync(index, cancellationToken);
                figures.Add("indices_deleted", 1);
            }
        }

        return figures;
    }

    /// <summary>When the month of a <c>tweets-YYYY.MM</c> index ends; null for any other name.</summary>
    public static DateTimeOffset? MonthEnd(string index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var match = MonthlyIndex().Match(index);
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture);
        return month is < 1 or > 12 ? null : new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
    }

    [GeneratedRegex(@"^tweets-(\d{4})\.(\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthlyIndex();
}
