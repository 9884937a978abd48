using System.Net.Http.Headers;
using System.Text;
using Etl.Scheduler.Hosting;
using Etl.Testing.Elasticsearch;
using Etl.Testing.Postgres;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Etl.Scheduler.Tests.Hosting;

/// <summary>
/// One running <c>etl-scheduler run</c> host on loopback, with a throwaway PostgreSQL (an empty database: Hangfire
/// creates its schema at start) and the Elasticsearch stub. Jobs have no schedules; tests trigger them.
/// </summary>
public sealed class SchedulerAppFixture : IAsyncLifetime
{
    public const string Username = "operator";
    public const string Password = "correct horse battery";
    public const string ViewerName = "viewer";
    public const string ViewerPassword = "look but do not touch";
    public const string ApiKey = "query-api-key-0123456789";

    public PostgresServer Postgres { get; private set; } = null!;

    public ElasticsearchStub Elasticsearch { get; private set; } = null!;

    public WebApplication App { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Database { get; private set; } = "";

    public JobStorage Storage => App.Services.GetRequiredService<JobStorage>();

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Elasticsearch = await ElasticsearchStub.StartAsync();
        Database = await Postgres.CreateDatabaseAsync("app");
        App = SchedulerApp.Build([], builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Scheduler:ConnectionString"] = Database,
                ["Scheduler:ServerName"] = "app-node",
                ["Scheduler:ScheduleJobs"] = "false",
                ["Scheduler:QueuePollInterval"] = "00:00:00.200",
                ["Scheduler:SchedulePollingInterval"] = "00:00:01",
                ["Elasticsearch:Url"] = Elasticsearch.Url.ToString(),
                ["Dashboard:Username"] = Username,
                ["Dashboard:Password"] = Password,
                ["Dashboard:ReadOnlyUsername"] = ViewerName,
                ["Dashboard:ReadOnlyPassword"] = ViewerPassword,
                ["QueryApi:ApiKey"] = ApiKey,
                ["QueryApi:CacheEntries"] = "3",
                // The deployed default: search embeds queries with all-MiniLM-L6-v2 in process.
                ["Embedding:Provider"] = "onnx",
            });
        });
        await App.StartAsync();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
    }

    /// <summary>A client logged in to the dashboard as <paramref name="username"/> (null: no credential).</summary>
    public HttpClient Dashboard(string? username = Username, string? password = Password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (username is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        }

        return client;
    }

    /// <summary>A client of the query API with its key (or none).</summary>
    public HttpClient Api(bool withKey = true)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (withKey)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);
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
