using System.CommandLine;
using Etl.Elastic;
using Etl.Schemas.Naming;
using Etl.Schemas.Records;
using Etl.Schemas.Registry;
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

            using var http = new HttpClient();
            var registry = new SchemaRegistryClient(http, settings.SchemaRegistry);
            foreach (var (topic, schema) in new[] { (TopicNames.Raw, AvroRecordSchemas.Tweet), (TopicNames.DeadLetter, AvroRecordSchemas.DeadLetter) })
            {
                var subject = SubjectNames.ForValue(topic);
                var id = await registry.RegisterAsync(subject, schema, cancellationToken);
                Console.WriteLine($"registered schema {schema.FullName} under {subject} as id {id}");
            }

            Console.WriteLine(report.ChangedAnything ? "Elasticsearch setup changed." : "Elasticsearch setup was already up to date.");
            return 0;
        }));
        return command;
    }
}
