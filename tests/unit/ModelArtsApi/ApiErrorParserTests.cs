using System.Net;
using ModelArts.Provider.ModelArtsApi;

namespace ModelArts.UnitTests.ModelArtsApi;

public sealed class ApiErrorParserTests
{
    [Theory]
    [InlineData("{\"error_code\":\"APIG.0301\",\"error_msg\":\"Incorrect IAM authentication information\"}", "APIG.0301", "Incorrect IAM authentication information")]
    [InlineData("{\"code\":\"APIG.0308\",\"message\":\"throttled\"}", "APIG.0308", "throttled")]
    [InlineData("{\"error\":{\"code\":\"ModelArts.6303\",\"message\":\"bad sort\"}}", "ModelArts.6303", "bad sort")]
    [InlineData("{\"error_code\":404,\"error_msg\":\"numeric code\"}", "404", "numeric code")]
    public void Parse_KnownShapes_ReadsCodeAndMessage(string body, string code, string message)
    {
        var error = ApiErrorParser.Parse(HttpStatusCode.BadRequest, body, "rid-1");

        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(message, error.ErrorMessage);
        Assert.Equal("rid-1", error.RequestId);
        Assert.Contains("HTTP 400", error.Message);
        Assert.Contains(code, error.Message);
        Assert.Contains("rid-1", error.Message);
    }

    [Fact]
    public void Parse_RequestIdOnlyInBody_IsUsed() =>
        Assert.Equal("body-rid", ApiErrorParser.Parse(HttpStatusCode.InternalServerError, "{\"error_code\":\"X\",\"request_id\":\"body-rid\"}", null).RequestId);

    [Theory]
    [InlineData("<html><body><h1>502 Bad Gateway</h1></body></html>", "502 Bad Gateway")]
    [InlineData("upstream connect error", "upstream connect error")]
    [InlineData("{\"error_code\":\"trunc", "{\"error_code\":\"trunc")]
    public void Parse_NonJsonOrBrokenBody_KeepsReadableExcerpt(string body, string excerpt)
    {
        var error = ApiErrorParser.Parse(HttpStatusCode.BadGateway, body, null);

        Assert.Null(error.ErrorCode);
        Assert.Contains(excerpt, error.Message);
        Assert.Contains("request id unknown", error.Message);
    }

    [Fact]
    public void Parse_HugeBody_IsCutShort() =>
        Assert.True(ApiErrorParser.Parse(HttpStatusCode.BadGateway, new string('x', 100_000), null).Message.Length < 1000);

    [Fact]
    public void Unauthorized_MessageExplainsWhyNotRetried() =>
        Assert.Contains("not retried", ApiErrorParser.Parse(HttpStatusCode.Unauthorized, "{}", null).Message);
}
