using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.Pipeline;

public sealed class PipelineOptionsValidatorTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new PipelineOptionsValidator().Validate(null, new PipelineOptions()).Succeeded);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_value()
    {
        var options = new PipelineOptions
        {
            Topic = "",
            BatchMaxDocuments = 0,
            BatchLinger = TimeSpan.Zero,
            RetryBaseDelay = TimeSpan.FromSeconds(10),
            RetryMaxDelay = TimeSpan.FromSeconds(1),
        };

        var result = new PipelineOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Equal(4, failures.Count);
        Assert.Contains(failures, f => f.StartsWith("Pipeline:Topic is empty", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BatchMaxDocuments is 0", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("BatchLinger is 00:00:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("RetryBaseDelay (00:00:10)", StringComparison.Ordinal));
    }
}
