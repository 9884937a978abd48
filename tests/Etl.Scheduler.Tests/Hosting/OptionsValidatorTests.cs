using Etl.Scheduler.Hosting;
using Etl.Scheduler.JobConsole;

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
            CheckinInterval = TimeSpan.Zero,
            RetentionAge = TimeSpan.FromHours(1),
        });

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.Contains("Scheduler:ConnectionString"));
        Assert.Contains(failures, f => f.Contains("Scheduler:TrendCron 'every five minutes'"));
        Assert.Contains(failures, f => f.Contains("Scheduler:CheckinInterval"));
        Assert.Contains(failures, f => f.Contains("Scheduler:RetentionAge"));
    }

    [Fact]
    public void ConsoleOptions_NoCredential_IsRejected()
    {
        var result = new ConsoleOptionsValidator().Validate(null, new ConsoleOptions());

        Assert.Equal(2, result.Failures!.Count());
    }

    [Theory]
    [InlineData("operator:correct horse battery", true)]
    [InlineData("operator:correct horse batter", false)]
    [InlineData("admin:correct horse battery", false)]
    [InlineData("no-colon", false)]
    public void BasicAuthentication_ComparesUserAndPassword(string credential, bool expected)
    {
        var header = "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(credential));

        Assert.Equal(expected, BasicAuthentication.IsAuthorized(header, new ConsoleOptions { Username = "operator", Password = "correct horse battery" }));
    }
}
