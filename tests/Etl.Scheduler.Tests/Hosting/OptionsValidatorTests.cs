using Etl.Scheduler.Api;
using Etl.Scheduler.Dashboard;
using Etl.Scheduler.Hosting;

namespace Etl.Scheduler.Tests.Hosting;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void SchedulerOptions_SeveralProblems_ReportsEveryOneWithItsKey()
    {
        var result = new SchedulerOptionsValidator().Validate(null, new SchedulerOptions
        {
            ConnectionString = "",
            TrendCron = "every five minutes",
            RetentionCron = "0 3 * *",
            InvisibilityTimeout = TimeSpan.Zero,
            TrendWindow = TimeSpan.FromSeconds(1),
            TrendMaxTweetsPerWindow = 0,
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(6, failures.Count);
        Assert.Contains(failures, f => f.Contains("Scheduler:ConnectionString"));
        Assert.Contains(failures, f => f.Contains("Scheduler:TrendCron 'every five minutes'"));
        Assert.Contains(failures, f => f.Contains("Scheduler:RetentionCron '0 3 * *'"));
        Assert.Contains(failures, f => f.Contains("Scheduler:InvisibilityTimeout"));
        Assert.Contains(failures, f => f.Contains("Scheduler:TrendWindow"));
        Assert.Contains(failures, f => f.Contains("Scheduler:TrendMaxTweetsPerWindow"));
    }

    [Theory]
    [InlineData("* * * * *", true)]
    [InlineData("15 */5 * * * *", true)]
    [InlineData("*/3 * * * * *", true)]
    [InlineData("0 * * *", false)]
    [InlineData("61 * * * *", false)]
    public void Crons_are_read_as_Hangfire_reads_them(string cron, bool valid) =>
        Assert.Equal(valid, SchedulerOptionsValidator.TryParseCron(cron, out _));

    [Fact]
    public void SchedulerOptions_Defaults_AreValid_AndRedriveIsOnDemand()
    {
        var options = new SchedulerOptions { ConnectionString = "Host=localhost;Database=etl_scheduler" };

        Assert.True(new SchedulerOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("", options.RedriveCron);
    }

    [Fact]
    public void DashboardAccess_NoCredential_IsRejected_AndAHalfReadOnlyUserToo()
    {
        var none = new DashboardAccessOptionsValidator().Validate(null, new DashboardAccessOptions());
        var half = new DashboardAccessOptionsValidator().Validate(null, new DashboardAccessOptions
        {
            Username = "operator",
            Password = "correct horse battery",
            ReadOnlyUsername = "viewer",
        });

        Assert.Equal(2, none.Failures!.Count());
        Assert.Contains(half.Failures!, f => f.Contains("Dashboard:ReadOnlyPassword"));
    }

    [Fact]
    public void QueryApi_ShortKey_IsRejected()
    {
        var result = new QueryApiOptionsValidator().Validate(null, new QueryApiOptions { ApiKey = "short", CacheEntries = 0 });

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.Contains("QueryApi:ApiKey"));
    }

    [Theory]
    [InlineData("operator:correct horse battery", true)]
    [InlineData("operator:correct horse batter", false)]
    [InlineData("admin:correct horse battery", false)]
    [InlineData("no-colon", false)]
    public void BasicCredentials_CompareUserAndPassword(string credential, bool expected)
    {
        var header = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credential));

        var parsed = BasicCredentials.TryParse(header, out var user, out var password);

        Assert.Equal(expected, parsed && BasicCredentials.Matches(user, password, "operator", "correct horse battery"));
    }
}
