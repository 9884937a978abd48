using Etl.Testing.Postgres;
using Npgsql;
using Xunit;

namespace Etl.Testing.Tests;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task A_throwaway_cluster_round_trips_a_row_and_is_removed_after()
    {
        string connectionString;
        await using (var server = await PostgresServer.StartAsync())
        {
            connectionString = await server.CreateDatabaseAsync("roundtrip");
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using (var create = new NpgsqlCommand("CREATE TABLE tweets (id bigint PRIMARY KEY, text text NOT NULL)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            await using (var insert = new NpgsqlCommand("INSERT INTO tweets VALUES (@id, @text)", connection))
            {
                insert.Parameters.AddWithValue("id", 1_234_567_890_123L);
                insert.Parameters.AddWithValue("text", "héllo #wörld 🌍");
                Assert.Equal(1, await insert.ExecuteNonQueryAsync());
            }

            await using var select = new NpgsqlCommand("SELECT text FROM tweets WHERE id = 1234567890123", connection);
            Assert.Equal("héllo #wörld 🌍", await select.ExecuteScalarAsync());
        }

        // After dispose the server is gone: connecting fails.
        await using var after = new NpgsqlConnection(connectionString + ";Timeout=2;Pooling=false");
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => after.OpenAsync());
    }
}
