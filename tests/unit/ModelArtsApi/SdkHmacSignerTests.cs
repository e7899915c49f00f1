using System.Text;
using ModelArts.Provider.ModelArtsApi.Signing;

namespace ModelArts.UnitTests.ModelArtsApi;

/// <summary>The published SDK-HMAC-SHA256 vectors (Huawei's Python and .NET SDK tests), byte for byte.</summary>
public sealed class SdkHmacSignerTests
{
    private const string Ak = "AccessKey";
    private const string Sk = "SecretKey";

    [Theory]
    [InlineData("GET", "https://service.endpoint.myhuaweicloud.com/resources?size=1", "20200608T023900Z", "",
        "cfb4171acec81de07d50e53d57eb77edd537414d66ddb1d7d780f128e12cd842")]
    [InlineData("POST", "https://service.endpoint.myhuaweicloud.com/resources?size=1", "20200608T023900Z", "{\"name\":\"test\",\"id\":1}",
        "436b1ac0a1ae03705934bb70ef2f2e09f7bfed2117d731a38235053199323a1f")]
    [InlineData("GET", "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpcs?limit=2&marker=13551d6b-755d-4757-b956-536f674975c0",
        "20191115T033655Z", "", "fd95e7da6f695cfb4cabbb9d6b0968aec155bc576b064835282473539ae9ea1d")]
    [InlineData("POST", "https://service.region.example.com/v1/77b6a44cba5143ab91d13ab9a8ff44fd/vpc/123", "20191115T033655Z", "{\"key\":\"value\"}",
        "b5649aa774f6cac7437631662f08815fc65c70e40e486df6db2436ce68902771")]
    public void Signature_PublishedVector_MatchesByteForByte(string method, string url, string date, string body, string expected)
    {
        var uri = new Uri(url);
        var canonical = SdkHmacSigner.CanonicalRequest(method, uri.AbsolutePath, uri.Query,
            [new("host", uri.Host), new("x-sdk-date", date)],
            SdkHmacSigner.HexSha256(Encoding.UTF8.GetBytes(body)));

        var signature = SdkHmacSigner.Signature(Sk, SdkHmacSigner.StringToSign(date, canonical));

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void CanonicalRequest_FirstPythonVector_HasPublishedTextAndHash()
    {
        var canonical = SdkHmacSigner.CanonicalRequest("GET", "/resources", "?size=1",
            [new("Host", "service.endpoint.myhuaweicloud.com"), new("X-Sdk-Date", "20200608T023900Z")],
            SdkHmacSigner.EmptyBodySha256);

        Assert.Equal(
            "GET\n/resources/\nsize=1\nhost:service.endpoint.myhuaweicloud.com\nx-sdk-date:20200608T023900Z\n\nhost;x-sdk-date\n" + SdkHmacSigner.EmptyBodySha256,
            canonical);
        Assert.Equal("de94dd1e1ccdb730b403ce35d7e14f7c7b04337f6def1c3a3a2ba936852b133f", SdkHmacSigner.HexSha256(Encoding.UTF8.GetBytes(canonical)));
    }

    [Fact]
    public void CanonicalQuery_PublishedEncodingVector_SortsAndEncodes()
    {
        var query = SdkHmacSigner.CanonicalQuery(
        [
            new("limit", "1"), new("enable", "true"), new("test", "一 (&=?!#%.*)"), new("path", "/tmp/123"),
            new("multi", "1"), new("multi", "2"), new("multi", "3"),
        ]);

        Assert.Equal("enable=true&limit=1&multi=1&multi=2&multi=3&path=%2Ftmp%2F123&test=%E4%B8%80%20%28%26%3D%3F%21%23%25.%2A%29", query);
    }

    [Fact]
    public void CanonicalQuery_RoundTripsThroughWireForm()
    {
        var wire = SdkHmacSigner.CanonicalQuery([new("name", "a b/c"), new("limit", "200")]);

        Assert.Equal(wire, SdkHmacSigner.CanonicalQuery(SdkHmacSigner.ParseQuery("?" + wire)));
    }

    [Theory]
    [InlineData("/v1/p/images", "/v1/p/images/")]
    [InlineData("/v1/p/images/", "/v1/p/images/")]
    [InlineData("/", "/")]
    [InlineData("/a%20b/c", "/a%20b/c/")]
    public void CanonicalUri_AlwaysEndsWithSlashAndEncodesSegments(string path, string expected) =>
        Assert.Equal(expected, SdkHmacSigner.CanonicalUri(path));

    [Fact]
    public void AuthorizationHeader_HasGatewayFormat() =>
        Assert.Equal("SDK-HMAC-SHA256 Access=AK, SignedHeaders=host;x-sdk-date, Signature=abc",
            SdkHmacSigner.AuthorizationHeader("AK", "host;x-sdk-date", "abc"));
}
