using Etl.Scheduler.Hosting;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Postgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>One running <c>etl-scheduler run</c> host on loopback, with a throwaway PostgreSQL and the Elasticsearch stub.</summary>
public sealed class SchedulerAppFixture : IAsyncLifetime
{
    public const string Username = "operator";
    public const string Password = "correct horse battery";

    public PostgresServer Postgres { get; private set; } = null!;

    public ElasticsearchStub Elasticsearch { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Elasticsearch = await ElasticsearchStub.StartAsync();
        var database = await Postgres.CreateDatabaseAsync("app");
        App = SchedulerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduler:ConnectionString"] = database,
                ["Scheduler:InstanceId"] = "app-node",
                ["Scheduler:CheckinInterval"] = "00:00:01",
                ["Scheduler:ScheduleJobs"] = "false",
                ["Elasticsearch:Url"] = Elasticsearch.Url.ToString(),
                ["Console:Username"] = Username,
                ["Console:Password"] = Password,
            });
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    public HttpClient Client(bool authenticated = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        await Elasticsearch.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}
