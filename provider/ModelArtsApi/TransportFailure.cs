using System.Net.Sockets;
using System.Security.Authentication;

namespace ModelArts.Provider.ModelArtsApi;

/// <summary>What went wrong below HTTP (DNS, TCP, TLS), said in the user's terms with the fix.</summary>
internal static class TransportFailure
{
    public static string Describe(Exception e, Uri endpoint, SettingNames names)
    {
        var host = endpoint.GetLeftPart(UriPartial.Authority);
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case AuthenticationException tls:
                    return $"the TLS connection to {host} failed ({tls.Message}): its certificate is not trusted here. " +
                        "For a private CA, add it to the system's trust store or point SSL_CERT_FILE or SSL_CERT_DIR at it; " +
                        $"only against a test endpoint, set {names.Insecure} to true";
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return $"the host name {endpoint.Host} could not be resolved: check {names.Region} (or {names.Endpoint}) and the machine's DNS";
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return $"{host} refused the connection: nothing listens there; check {names.Endpoint}";
                case SocketException socket:
                    return $"the connection to {host} failed ({socket.Message}); check {names.Endpoint} and the network";
            }
        }

        return $"the connection to {host} failed ({e.Message}); check {names.Endpoint} and the network";
    }
}
