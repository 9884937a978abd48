using System.CommandLine;
using Etl.Elastic;
using Etl.Kafka.Registry;
using Etl.Worker.Hosting;

namespace Etl.Worker.Cli;

/// <summary>
/// <c>etl-worker setup</c>: installs or upgrades the Elasticsearch ILM policy and templates and registers the Avro
/// schemas; a second run changes nothing and says so.
/// </summary>
public static class SetupCommand
{
    public static Command Build()
    {
        var command = new Command("setup", "Installs or upgrades Elasticsearch templates and the ILM policy, and registers the Avro schemas. Safe to run again.");
        command.SetAction((_, cancellationToken) => CommandErrors.RunAsync(async () =>
        {
            var settings = WorkerSettings.Load(WorkerSettings.BuildConfiguration());
            using var client = new ElasticsearchClient(settings.Elasticsearch);
            var report = await client.Setup.RunAsync(cancellationToken);
            foreach (var change in report.Changes)
            {
                Console.WriteLine(change);
            }

            // The one place schemas are registered: `run`, `replay`, `generate` and `stream` only look the ids up.
            using var registry = AvroSerdes.CreateClient(settings.SchemaRegistry);
            try
            {
                foreach (var (subject, id) in await SchemaRegistration.RegisterProjectSchemasAsync(registry, settings.Pipeline.Topic))
                {
                    Console.WriteLine($"registered the schema of {subject} as id {id}");
                }
            }
            catch (SchemaIncompatibleException ex)
            {
                await Console.Error.WriteLineAsync(ex.Message);
                return CommandErrors.Failed;
            }

            Console.WriteLine(report.ChangedAnything ? "Elasticsearch setup changed." : "Elasticsearch setup was already up to date.");
            return 0;
        }));
        return command;
    }
}
