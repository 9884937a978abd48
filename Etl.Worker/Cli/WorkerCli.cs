using System.CommandLine;
using Etl.Schemas.Kafka;

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
        var doctor = new Command("doctor", "Checks that native prerequisites (librdkafka) load, and prints their versions.");
        doctor.SetAction(_ =>
        {
            try
            {
                KafkaNative.EnsureLoaded();
                Console.WriteLine($"librdkafka {KafkaNative.Version} loaded from {KafkaNative.LoadedFrom}");
                return 0;
            }
            catch (LibrdkafkaNotFoundException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 3;
            }
        });
        return doctor;
    }
}
