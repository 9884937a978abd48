namespace Etl.Stack.Tests.Repository;

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public string Describe(string command) =>
        $"'{command}' exited with {ExitCode}.\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}";
}
