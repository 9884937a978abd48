namespace Etl.Worker.Indexing;

/// <summary>
/// The one place that decides what an answer means. Pure: the same answer always gets the same verdict, so the rules
/// are tested against real response bodies without any server.
/// </summary>
public static class AnswerClassifier
{
    // librdkafka error codes (Confluent.Kafka.ErrorCode) the dead-letter producer can meet.
    private const int KafkaMessageTooLarge = 10;
    private const int KafkaRecordListTooLarge = 18;
    private const int KafkaUnknownTopicOrPartition = 3;
    private const int KafkaLocalUnknownTopic = -188;
    private const int KafkaTopicAuthorizationFailed = 29;
    private const int KafkaClusterAuthorizationFailed = 31;
    private const int KafkaSaslAuthenticationFailed = 58;
    private const int KafkaLocalAuthentication = -169;

    public static Verdict Classify(Answer answer) => answer.Source switch
    {
        AnswerSource.ElasticsearchItem => Item(answer),
        AnswerSource.ElasticsearchRequest => Request(answer),
        AnswerSource.DeadLetterProducer => Producer(answer),
        _ => Dependency(answer),
    };

    private static Verdict Item(Answer answer)
    {
        if (answer.Transport != AnswerTransport.Answered)
        {
            return Verdict.Retry;
        }

        if (answer.Status is not int status)
        {
            // A filtered response without a status: an error object alone tells.
            return answer.ErrorType switch
            {
                null => Verdict.Done,
                "es_rejected_execution_exception" or "circuit_breaking_exception" or "unavailable_shards_exception" => Verdict.Retry,
                _ => Verdict.DeadLetter,
            };
        }

        return status switch
        {
            >= 200 and < 300 when answer.ErrorType is null => Verdict.Done,
            // A delete of a document already gone: what the caller wanted.
            404 when answer.ErrorType is null => Verdict.Done,
            429 or >= 500 => Verdict.Retry,
            _ => Verdict.DeadLetter,
        };
    }

    private static Verdict Request(Answer answer) => answer.Transport switch
    {
        AnswerTransport.Unreachable => Verdict.Pause,
        AnswerTransport.TimedOut or AnswerTransport.Unparseable => Verdict.Retry,
        _ => answer.Status switch
        {
            401 or 403 => Verdict.Pause,
            // Not the fault of any record: a wrong URL, a proxy, a method or media type the endpoint refuses.
            404 or 405 or 406 => Verdict.Pause,
            408 or 429 or >= 500 => Verdict.Retry,
            413 => Verdict.Split,
            >= 400 => Verdict.Bisect,
            // A success status whose body was read is never a request-level answer; anything else is odd: try again.
            _ => Verdict.Retry,
        },
    };

    /// <summary>The registry and enrichers' servers: whatever fails for everyone pauses; a 4xx about this record dead-letters it.</summary>
    private static Verdict Dependency(Answer answer) => answer.Transport switch
    {
        AnswerTransport.Unreachable or AnswerTransport.Unparseable => Verdict.Pause,
        AnswerTransport.TimedOut => Verdict.Retry,
        _ => answer.Status switch
        {
            401 or 403 => Verdict.Pause,
            408 or 429 or >= 500 => Verdict.Retry,
            >= 400 => Verdict.DeadLetter,
            _ => Verdict.Retry,
        },
    };

    private static Verdict Producer(Answer answer) => answer.Status switch
    {
        KafkaMessageTooLarge or KafkaRecordListTooLarge => Verdict.Truncate,
        KafkaTopicAuthorizationFailed or KafkaClusterAuthorizationFailed or KafkaSaslAuthenticationFailed or KafkaLocalAuthentication
            or KafkaUnknownTopicOrPartition or KafkaLocalUnknownTopic => Verdict.Pause,
        _ => Verdict.Retry,
    };
}
