using Etl.Scheduler.Dashboard;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Api;

/// <summary>Guards every <c>/api/</c> route with the query API key; 401 with a <c>WWW-Authenticate</c> challenge otherwise.</summary>
public sealed class ApiKeyAuthentication(RequestDelegate next, IOptions<QueryApiOptions> options)
{
    public const string HeaderName = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) || IsAuthorized(context.Request, options.Value.ApiKey))
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"etl-scheduler api\"";
        await context.Response.WriteAsJsonAsync(new { error = $"Authentication required: send the query API key (QueryApi:ApiKey) as '{HeaderName}: KEY' or 'Authorization: Bearer KEY'." });
    }

    public static bool IsAuthorized(HttpRequest request, string expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(expected);
        var given = request.Headers[HeaderName].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (given.Length == 0 && authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            given = authorization["Bearer ".Length..].Trim();
        }

        return given.Length > 0 && expected.Length > 0 && BasicCredentials.SameSecret(given, expected);
    }
}
