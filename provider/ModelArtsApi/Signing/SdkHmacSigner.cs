using System.Security.Cryptography;
using System.Text;

namespace ModelArts.Provider.ModelArtsApi.Signing;

/// <summary>
/// Huawei Cloud's SDK-HMAC-SHA256 request signature (the algorithm of Huawei's API gateway).
/// Pure functions so that published test vectors can pin every step.
/// </summary>
internal static class SdkHmacSigner
{
    public const string Algorithm = "SDK-HMAC-SHA256";
    public const string DateHeader = "X-Sdk-Date";
    public const string DateFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string EmptyBodySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /// <summary>RFC 3986 style encoding: unreserved characters stay, every other UTF-8 byte is %XX (uppercase).</summary>
    public static string Encode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Each path segment encoded, joined by '/', and always ending in '/'.</summary>
    public static string CanonicalUri(string path)
    {
        var segments = path.Split('/');
        var encoded = string.Join('/', segments.Select(s => Encode(Uri.UnescapeDataString(s))));
        return encoded.EndsWith('/') ? encoded : encoded + "/";
    }

    /// <summary>
    /// Decoded pairs sorted by key then value in UTF-16 code-unit order, then <c>enc(k)=enc(v)</c> joined by '&amp;'.
    /// Sorting before encoding is what Huawei's own SDK signer does; sorting the encoded text would put a
    /// non-ASCII value before "~" (docs/signing.md).
    /// </summary>
    public static string CanonicalQuery(IEnumerable<KeyValuePair<string, string>> pairs) =>
        string.Join('&', pairs
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => Encode(p.Key) + "=" + Encode(p.Value)));

    /// <summary>Parses a raw query string (as it goes on the wire) back into decoded pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? string.Empty : part[(eq + 1)..];
            yield return new(Uri.UnescapeDataString(key), Uri.UnescapeDataString(value));
        }
    }

    public static string CanonicalRequest(
        string method,
        string path,
        string query,
        IReadOnlyList<KeyValuePair<string, string>> signedHeaders,
        string bodySha256Hex)
    {
        var sorted = signedHeaders
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: h.Value.Trim()))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var sb = new StringBuilder();
        sb.Append(method.ToUpperInvariant()).Append('\n');
        sb.Append(CanonicalUri(path)).Append('\n');
        sb.Append(CanonicalQuery(ParseQuery(query))).Append('\n');
        foreach (var (name, value) in sorted)
        {
            sb.Append(name).Append(':').Append(value).Append('\n');
        }

        sb.Append('\n');
        sb.Append(SignedHeaderNames(sorted.Select(h => h.Name))).Append('\n');
        sb.Append(bodySha256Hex);
        return sb.ToString();
    }

    public static string SignedHeaderNames(IEnumerable<string> names) =>
        string.Join(';', names.Select(n => n.ToLowerInvariant()).OrderBy(n => n, StringComparer.Ordinal));

    public static string StringToSign(string sdkDate, string canonicalRequest) =>
        $"{Algorithm}\n{sdkDate}\n{HexSha256(Encoding.UTF8.GetBytes(canonicalRequest))}";

    public static string Signature(string secretKey, string stringToSign) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.UTF8.GetBytes(stringToSign)));

    public static string AuthorizationHeader(string accessKey, string signedHeaderNames, string signature) =>
        $"{Algorithm} Access={accessKey}, SignedHeaders={signedHeaderNames}, Signature={signature}";

    public static string HexSha256(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));
}
