using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace Etl.Scheduler.Dashboard;

/// <summary>
/// HTTP Basic for the Hangfire dashboard, for any client address: Hangfire's default filter admits only loopback
/// requests, which shuts out every user behind a reverse proxy or in a container. A request without a valid
/// credential gets 401 with a <c>WWW-Authenticate</c> challenge, so browsers ask for the login.
/// </summary>
public sealed class BasicAuthDashboardFilter(IOptions<DashboardAccessOptions> options) : IDashboardAuthorizationFilter
{
    public const string Realm = "etl-scheduler dashboard";

    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        if (RoleOf(http) != DashboardRole.None)
        {
            return true;
        }

        http.Response.Headers.WWWAuthenticate = $"Basic realm=\"{Realm}\", charset=\"UTF-8\"";
        return false;
    }

    /// <summary>For <see cref="Hangfire.DashboardOptions.IsReadOnlyFunc"/>: anyone but the operator sees a dashboard without actions.</summary>
    public bool IsReadOnly(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RoleOf(context.GetHttpContext()) != DashboardRole.Operator;
    }

    public DashboardRole RoleOf(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!BasicCredentials.TryParse(http.Request.Headers.Authorization.ToString(), out var username, out var password))
        {
            return DashboardRole.None;
        }

        var access = options.Value;
        if (BasicCredentials.Matches(username, password, access.Username, access.Password))
        {
            return DashboardRole.Operator;
        }

        return BasicCredentials.Matches(username, password, access.ReadOnlyUsername, access.ReadOnlyPassword) ? DashboardRole.ReadOnly : DashboardRole.None;
    }
}
