namespace Etl.Worker.Indexing;

/// <summary>A whole request to the sink failed; nothing in it was written. <see cref="Answer"/> says how.</summary>
public sealed class SinkRequestException : Exception
{
    public SinkRequestException()
        : this(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Reason: "no answer"))
    {
    }

    public SinkRequestException(string message)
        : this(new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Reason: message))
    {
    }

    public SinkRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
        Answer = new Answer(AnswerSource.ElasticsearchRequest, AnswerTransport.Unreachable, Reason: message);
    }

    public SinkRequestException(Answer answer, Exception? innerException = null)
        : base(answer.Describe(), innerException)
    {
        Answer = answer;
    }

    public Answer Answer { get; }
}
