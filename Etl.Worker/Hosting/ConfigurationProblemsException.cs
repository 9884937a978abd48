namespace Etl.Worker.Hosting;

/// <summary>The configuration has problems; <see cref="Problems"/> lists every one, each with its value and fix.</summary>
public sealed class ConfigurationProblemsException : Exception
{
    public ConfigurationProblemsException(IReadOnlyList<string> problems)
        : base("The configuration has " + problems.Count + " problem(s):" + Environment.NewLine + "  - " + string.Join(Environment.NewLine + "  - ", problems))
    {
        Problems = problems;
    }

    public ConfigurationProblemsException()
        : this([])
    {
    }

    public ConfigurationProblemsException(string message)
        : base(message)
    {
        Problems = [message];
    }

    public ConfigurationProblemsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
