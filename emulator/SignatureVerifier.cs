using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ModelArts.Emulator;

/// <summary>
/// Checks requests the way Huawei's API gateway does: an SDK-HMAC-SHA256 Authorization header over the
/// raw request, or an X-Auth-Token. Written independently of the provider's signer on purpose.
/// </summary>
internal sealed class SignatureVerifier(EmulatorOptions options, TimeProvider time)
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Null when the request is authentic; otherwise why not.</summary>
    public string? Verify(HttpRequest request, string rawTarget)
    {
        var token = request.Headers["X-Auth-Token"].ToString();
        var authorization = request.Headers.Authorization.ToString();
        if (token.Length > 0)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(options.AuthToken))
                ? null
                : "the token is invalid or expired";
        }

        if (authorization.Length == 0)
        {
            return "no Authorization or X-Auth-Token header";
        }

        const string prefix = "SDK-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return "unsupported authorization algorithm";
        }

        var fields = authorization[prefix.Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(f => f.Length == 2)
            .ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Access", out var ak) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) ||
            !fields.TryGetValue("Signature", out var signature))
        {
            return "malformed Authorization header";
        }

        if (ak != options.AccessKey)
        {
            return "unknown access key";
        }

        var date = request.Headers["X-Sdk-Date"].ToString();
        if (!DateTime.TryParseExact(date, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "missing or malformed X-Sdk-Date";
        }

        if ((time.GetUtcNow().UtcDateTime - signedAt).Duration() > MaxClockSkew)
        {
            return "X-Sdk-Date is too far from the server time";
        }

        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-sdk-date"))
        {
            return "host and x-sdk-date must be signed";
        }

        if (options.SecurityToken is { } expectedToken)
        {
            if (!names.Contains("x-security-token") || request.Headers["X-Security-Token"].ToString() != expectedToken)
            {
                return "temporary credentials need a valid, signed X-Security-Token";
            }
        }

        var expected = ComputeSignature(request.Method, rawTarget, names, n => request.Headers[n].ToString(), date);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : "signature mismatch";
    }

    private string ComputeSignature(string method, string rawTarget, string[] signedNames, Func<string, string> header, string date)
    {
        var queryStart = rawTarget.IndexOf('?');
        var rawPath = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var rawQuery = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        var path = string.Join("/", rawPath.Split('/').Select(s => Uri.EscapeDataString(Uri.UnescapeDataString(s))));
        if (!path.EndsWith('/'))
        {
            path += "/";
        }

        // Sorted decoded, then encoded: the order Huawei's SDK signers produce.
        var query = rawQuery.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var kv = p.Split('=', 2);
                return (k: Uri.UnescapeDataString(kv[0]), v: Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : ""));
            })
            .OrderBy(p => p.k, StringComparer.Ordinal).ThenBy(p => p.v, StringComparer.Ordinal)
            .Select(p => $"{Uri.EscapeDataString(p.k)}={Uri.EscapeDataString(p.v)}");

        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedNames.OrderBy(n => n, StringComparer.Ordinal))
        {
            canonicalHeaders.Append(name).Append(':').Append(header(name).Trim()).Append('\n');
        }

        var canonical = string.Join("\n",
            method.ToUpperInvariant(),
            path,
            string.Join("&", query),
            canonicalHeaders.ToString(),
            string.Join(";", signedNames),
            // A signed X-Sdk-Content-Sha256 stands for the body hash: Huawei's SDKs send "UNSIGNED-PAYLOAD" on every GET.
            signedNames.Contains("x-sdk-content-sha256") ? header("x-sdk-content-sha256").Trim() : Convert.ToHexString(SHA256.HashData([])).ToLowerInvariant());
        var stringToSign = $"SDK-HMAC-SHA256\n{date}\n{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))).ToLowerInvariant()}";
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(options.SecretKey));
        return Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(stringToSign))).ToLowerInvariant();
    }
}
