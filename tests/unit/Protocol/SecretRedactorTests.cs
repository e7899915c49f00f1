using ModelArts.Provider.Protocol;

namespace ModelArts.UnitTests.Protocol;

public sealed class SecretRedactorTests
{
    [Fact]
    public void Redact_ReplacesEveryRememberedSecret_LongestFirst()
    {
        var redactor = new SecretRedactor();
        redactor.Remember(["abcd", "abcdefgh", null, "x"]);

        Assert.Equal("key [secret] and [secret], x stays", redactor.Redact("key abcdefgh and abcd, x stays"));
    }
}
