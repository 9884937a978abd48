using System.CommandLine;
using Etl.Worker.DevStack;

namespace Etl.Worker.Cli;

/// <summary><c>etl-worker dev-stack</c>: a local Kafka (librdkafka's mock cluster) and Schema Registry for other processes, until stopped.</summary>
public static class DevStackCommand
{
    public static Command Build()
    {
        var brokers = new Option<int>("--brokers") { Description = "Mock Kafka brokers.", DefaultValueFactory = _ => 3 };
        var partitions = new Option<int>("--partitions") { Description = "Partitions of tweets.raw and tweets.dlq.", DefaultValueFactory = _ => 6 };
        var registryPort = new Option<int>("--registry-port") { Description = "Loopback port of the Schema Registry (0: any free port).", DefaultValueFactory = _ => 0 };
        var envFile = new Option<string?>("--env-file") { Description = "Also write the settings to this file, one KEY=value per line (deleted on exit)." };
        var command = new Command(
            "dev-stack",
            "Runs a local Kafka (librdkafka's mock cluster, in memory, on loopback) and an in-memory Schema Registry, prints the " +
            "Section__Key=value settings other etl-worker/etl-scheduler processes need, and runs until Ctrl+C or SIGTERM.")
        {
            brokers, partitions, registryPort, envFile,
        };
        command.SetAction((parse, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var problems = new List<string>();
            if (parse.GetValue(brokers) < 1)
            {
                problems.Add($"--brokers {parse.GetValue(brokers)} must be at least 1.");
            }

            if (parse.GetValue(partitions) < 1)
            {
                problems.Add($"--partitions {parse.GetValue(partitions)} must be at least 1.");
            }

            if (parse.GetValue(registryPort) is < 0 or > 65535)
            {
                problems.Add($"--registry-port {parse.GetValue(registryPort)} must be 0 (any free port) or a TCP port up to 65535.");
            }

            if (problems.Count > 0)
            {
                await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, problems));
                return CommandErrors.BadConfiguration;
            }

            await using var stack = await LocalKafkaEnvironment.StartAsync(parse.GetValue(brokers), parse.GetValue(partitions), parse.GetValue(registryPort), cancellationToken);
            var lines = stack.EnvLines();
            var file = parse.GetValue(envFile);
            if (file is not null)
            {
                // Written whole and then moved into place, so a process waiting for the file never reads half of it.
                var temporary = file + ".tmp";
                await File.WriteAllTextAsync(temporary, lines, cancellationToken);
                File.Move(temporary, file, overwrite: true);
            }

            await Console.Out.WriteAsync(lines);
            await Console.Out.FlushAsync(cancellationToken);
            await Console.Error.WriteLineAsync(
                "dev-stack is running (Ctrl+C to stop). Everything is in memory: each mock partition keeps at most 5 MiB and " +
                "silently drops older messages, so consume while you produce or keep runs small.");
            try
            {
                using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stack.Stopping);
                await Task.Delay(Timeout.Infinite, stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop.
            }
            finally
            {
                if (file is not null)
                {
                    // The ports it names are gone with this process.
                    File.Delete(file);
                }
            }

            return 0;
        }));
        return command;
    }
}
