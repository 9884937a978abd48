using System.Net.Sockets;

namespace Etl.Testing.Docker;

/// <summary>Polls a freshly started server until it answers, with a deadline and a clear error.</summary>
public static class ReadinessProbe
{
    public static async Task WaitForHttpAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + timeout;
        string last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(url);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = $"HTTP {(int)response.StatusCode}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"{url} did not become ready within {timeout}; last: {last}");
    }

    public static async Task WaitForTcpAsync(string host, int port, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(500);
            }
        }

        throw new TimeoutException($"{host}:{port} did not accept connections within {timeout}.");
    }
}
