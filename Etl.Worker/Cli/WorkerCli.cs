using System.CommandLine;
using Etl.Kafka.Native;

namespace Etl.Worker.Cli;

/// <summary>The <c>etl-worker</c> command line: one subcommand per job the worker does.</summary>
public static class WorkerCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Tweet ETL worker: Kafka (Avro) → enrich → Elasticsearch. Without a command it runs the pipeline ('run').");
        root.SetAction((_, cancellationToken) => RunCommand.RunAsync(cancellationToken));
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(SetupCommand.Build());
        root.Subcommands.Add(ReplayCommand.Build());
        root.Subcommands.Add(DemoCommand.Build());
        root.Subcommands.Add(DevStackCommand.Build());
        root.Subcommands.Add(BuildDoctor());
        root.Subcommands.Add(GenerateCommand.Build());
        root.Subcommands.Add(AvroCommands.Build());
        root.Subcommands.Add(TrainSentimentCommand.Build());
        root.Subcommands.Add(EnrichCommand.Build());
        root.Subcommands.Add(StreamCommand.Build());
        return root;
    }

    private static Command BuildDoctor()
    {
        var doctor = new Command("doctor", "Checks the librdkafka Confluent.Kafka loads (2.16.0 or newer, from the application folder), and prints its version and path.");
        doctor.SetAction(_ =>
        {
            try
            {
                var librdkafka = LibrdkafkaCheck.Ensure();
                Console.WriteLine($"librdkafka {librdkafka.Version} loaded from {librdkafka.Path}");
                return 0;
            }
            catch (LibrdkafkaLoadException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 3;
            }
        });
        return doctor;
    }
}
