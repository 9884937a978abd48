using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.JobConsole;

/// <summary>
/// HTTP Basic against the configured console credential, for the console and every <c>/api/</c> route. Both parts are
/// hashed before a fixed-time comparison, so neither the content nor the length of the secret leaks through timing.
/// </summary>
public sealed class BasicAuthentication(RequestDelegate next, IOptions<ConsoleOptions> options)
{
    public const string Realm = "etl-scheduler";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        var protectedPath = path.StartsWithSegments("/console", StringComparison.Ordinal) || path.StartsWithSegments("/api", StringComparison.Ordinal);
        if (!protectedPath || IsAuthorized(context.Request.Headers.Authorization.ToString(), options.Value))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        await context.Response.WriteAsJsonAsync(new { error = "Authentication required: send the console credential with HTTP Basic." });
    }

    public static bool IsAuthorized(string header, ConsoleOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!AuthenticationHeaderValue.TryParse(header, out var value)
            || !string.Equals(value.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || value.Parameter is null)
        {
            return false;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(value.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        // Evaluate both comparisons always, so a wrong user name takes as long as a wrong password.
        var userOk = SameSecret(decoded[..colon], options.Username);
        var passwordOk = SameSecret(decoded[(colon + 1)..], options.Password);
        return userOk & passwordOk;
    }

    private static bool SameSecret(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
}
