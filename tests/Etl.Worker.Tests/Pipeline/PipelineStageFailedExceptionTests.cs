using Etl.Worker.Pipeline;

namespace Etl.Worker.Tests.Pipeline;

public sealed class PipelineStageFailedExceptionTests
{
    [Fact]
    public void The_message_names_the_stage_and_the_cause_with_one_full_stop_after_it()
    {
        var failure = PipelineStageFailedException.For("index", new InvalidOperationException("The sink answered 299 items for a request of 300."));

        Assert.Equal("index", failure.Stage);
        Assert.StartsWith("The index stage failed: InvalidOperationException: The sink answered 299 items for a request of 300. The worker stops", failure.Message, StringComparison.Ordinal);
    }
}
