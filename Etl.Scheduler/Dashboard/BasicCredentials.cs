using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Etl.Scheduler.Dashboard;

/// <summary>
/// Reads an HTTP Basic <c>Authorization</c> header and compares secrets in fixed time: both sides are hashed first, so
/// neither the content nor the length of a secret leaks through timing.
/// </summary>
public static class BasicCredentials
{
    public static bool TryParse(string? header, out string username, out string password)
    {
        username = "";
        password = "";
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

        username = decoded[..colon];
        password = decoded[(colon + 1)..];
        return true;
    }

    /// <summary>True when both parts match; both comparisons always run, so a wrong name takes as long as a wrong password.</summary>
    public static bool Matches(string username, string password, string expectedUsername, string expectedPassword)
    {
        if (expectedUsername.Length == 0)
        {
            return false;
        }

        var userOk = SameSecret(username, expectedUsername);
        var passwordOk = SameSecret(password, expectedPassword);
        return userOk & passwordOk;
    }

    public static bool SameSecret(string given, string expected)
    {
        ArgumentNullException.ThrowIfNull(given);
        ArgumentNullException.ThrowIfNull(expected);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
