using ModelArts.Provider.Host;

namespace ModelArts.UnitTests.Host;

public sealed class LaunchArgumentsTests
{
    [Fact]
    public void EngineFlags_AreTolerated_AndTheAddressIsTaken()
    {
        var launch = LaunchArguments.Parse(["--logtostderr", "-v=9", "--logflow", "--tracing", "http://x", "--some-new-flag", "127.0.0.1:50051"]);
        Assert.Null(launch.Error);
        Assert.Equal("127.0.0.1:50051", launch.EngineAddress);
    }

    [Theory]
    [InlineData("not-an-address", "is not an engine address")]
    [InlineData("127.0.0.1:0", "is not an engine address")]
    [InlineData("127.0.0.1:50051 extra", "unexpected argument \"extra\"")]
    public void BadPositionalArguments_AreOneClearError(string args, string expected)
    {
        var launch = LaunchArguments.Parse(args.Split(' '));
        Assert.Contains(expected, launch.Error);
        Assert.Null(launch.EngineAddress);
    }

    [Fact]
    public void NoAddress_IsDebugMode_NotAnError() => Assert.Null(LaunchArguments.Parse(["--logtostderr"]).Error);
}
