using Confluent.Kafka;
using Etl.Worker.Consuming;
using Etl.Worker.Observability;
using Microsoft.Extensions.Logging.Abstractions;

namespace Etl.Worker.Tests.Consuming;

/// <summary>
/// librdkafka's commit reports (its interval commits and the commit it makes of a partition it lets go of) as the
/// committer counts them: a refusal is a commit failure only when it leaves done work uncommitted.
/// </summary>
public sealed class OffsetCommitterTests
{
    private static readonly TopicPartition Partition = new("tweets.raw", 4);

    [Fact]
    public void A_refused_repeat_of_an_offset_already_committed_for_a_released_partition_is_not_a_commit_failure()
    {
        using var metrics = new PipelineMetrics(meterName: "committer-" + Guid.NewGuid().ToString("N"));
        var assignment = new PartitionAssignment();
        var committer = new OffsetCommitter(assignment, metrics, NullLogger.Instance);
        assignment.Assign(Partition).Committed(120);
        assignment.Remove([Partition]);

        committer.OnCommitted(Refused(120));

        Assert.Equal(0, metrics.CommitFailures);
    }

    [Fact]
    public void A_refused_commit_of_work_not_yet_committed_is_a_commit_failure_held_or_released()
    {
        using var metrics = new PipelineMetrics(meterName: "committer-" + Guid.NewGuid().ToString("N"));
        var assignment = new PartitionAssignment();
        var committer = new OffsetCommitter(assignment, metrics, NullLogger.Instance);
        assignment.Assign(Partition).Committed(120);

        committer.OnCommitted(Refused(150));
        assignment.Remove([Partition]);
        committer.OnCommitted(Refused(150));

        Assert.Equal(2, metrics.CommitFailures);
    }

    [Fact]
    public void A_partition_assigned_again_starts_from_what_the_new_assignment_committed()
    {
        using var metrics = new PipelineMetrics(meterName: "committer-" + Guid.NewGuid().ToString("N"));
        var assignment = new PartitionAssignment();
        var committer = new OffsetCommitter(assignment, metrics, NullLogger.Instance);
        assignment.Assign(Partition).Committed(120);
        assignment.Remove([Partition]);
        assignment.Assign(Partition);

        committer.OnCommitted(Refused(120));

        Assert.Equal(1, metrics.CommitFailures);
    }

    private static CommittedOffsets Refused(long offset) =>
        new([new TopicPartitionOffsetError(Partition, new Offset(offset), new Error(ErrorCode.IllegalGeneration))], new Error(ErrorCode.IllegalGeneration));
}
