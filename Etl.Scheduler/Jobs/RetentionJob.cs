using System.Globalization;
using System.Text.RegularExpressions;
using Etl.Elastic;
using Etl.Scheduler.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace Etl.Scheduler.Jobs;

/// <summary>
/// Deletes monthly tweets indices (<c>tweets-YYYY.MM</c>) whose month ended more than
/// <see cref="SchedulerOptions.RetentionAge"/> ago. Only names of exactly that form are touched, so rollups,
/// trends and dead letters (<c>tweets-rollup-*</c>, <c>tweets-trends</c>, <c>tweets-deadletters</c>) never are.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RetentionJob(ElasticsearchClient elasticsearch, IOptions<SchedulerOptions> options, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Result = await RunAsync(cancellationToken);
    }

    public async Task<JobFigures> RunAsync(CancellationToken cancellationToken)
    {
        var figures = new JobFigures();
        var cutoff = clock.GetUtcNow() - options.Value.RetentionAge;
        foreach (var index in await elasticsearch.Indices.ListAsync(Etl.Schemas.Naming.IndexNames.TweetsPattern, cancellationToken))
        {
            figures.Add("indices_seen", 1);
            if (MonthEnd(index) is { } end && end <= cutoff)
            {
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
