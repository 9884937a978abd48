using Etl.Kafka.Native;
using Etl.Worker.Hosting;

namespace Etl.Worker.Cli;

/// <summary>Turns the start-up failures a user can fix into a clear message and an exit code, instead of a stack trace.</summary>
public static class CommandErrors
{
    public const int BadConfiguration = 2;
    public const int MissingPrerequisite = 3;
    public const int Failed = 1;

    public static async Task<int> RunAsync(Func<Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        try
        {
            return await action();
        }
        catch (ConfigurationProblemsException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return BadConfiguration;
        }
        catch (LibrdkafkaLoadException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return MissingPrerequisite;
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return BadConfiguration;
        }
    }
}
