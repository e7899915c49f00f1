// Utilities.cs: environment defaults, the SDK's version (from the embedded version.txt, written at build time
// from VERSION by the csproj) and the default invoke options, in the shape of gen-sdk's Utilities.cs (pulumi-dotnet
// codegen/templates.go). Where we differ: no obsolete WithVersion; GetEnvInput (see below).
import { pascal } from "../model.mjs";
import { namespaceOf } from "./files.mjs";

export function utilitiesFile(pkg) {
  const ns = namespaceOf(pkg);
  const attr = `${pascal(ns.split(".").at(-1))}ResourceType`;
  const downloadURL = pkg.pluginDownloadURL ? JSON.stringify(pkg.pluginDownloadURL) : "null";
  return `namespace ${ns}
{
    static class Utilities
    {
        public static string? GetEnv(params string[] names)
        {
            foreach (var n in names)
            {
                var value = global::System.Environment.GetEnvironmentVariable(n);
                if (value != null)
                {
                    return value;
                }
            }
            return null;
        }

        // Not in gen-sdk's Utilities.cs: an environment default for an Input<string>? property without the nullable
        // warning (CS8604) that assigning GetEnv's string? to it gives.
        public static global::Pulumi.Input<string>? GetEnvInput(params string[] names)
        {
            var value = GetEnv(names);
            return value is null ? null : (global::Pulumi.Input<string>)value;
        }

        static string[] trueValues = { "1", "t", "T", "true", "TRUE", "True" };
        static string[] falseValues = { "0", "f", "F", "false", "FALSE", "False" };
        public static bool? GetEnvBoolean(params string[] names)
        {
            var s = GetEnv(names);
            if (s != null)
            {
                if (global::System.Array.IndexOf(trueValues, s) != -1)
                {
                    return true;
                }
                if (global::System.Array.IndexOf(falseValues, s) != -1)
                {
                    return false;
                }
            }
            return null;
        }

        public static int? GetEnvInt32(params string[] names) => int.TryParse(GetEnv(names), out int v) ? (int?)v : null;

        public static double? GetEnvDouble(params string[] names) => double.TryParse(GetEnv(names), out double v) ? (double?)v : null;

        [global::System.Diagnostics.CodeAnalysis.SuppressMessage("Microsoft.Design", "IDE0060", Justification = "Kept for the shape of generated SDKs.")]
        public static global::Pulumi.InvokeOptions WithDefaults(this global::Pulumi.InvokeOptions? src)
        {
            var dst = src ?? new global::Pulumi.InvokeOptions{};
            dst.Version = src?.Version ?? Version;
            dst.PluginDownloadURL = src?.PluginDownloadURL ?? ${downloadURL};
            return dst;
        }

        public static global::Pulumi.InvokeOutputOptions WithDefaults(this global::Pulumi.InvokeOutputOptions? src)
        {
            var dst = src ?? new global::Pulumi.InvokeOutputOptions{};
            dst.Version = src?.Version ?? Version;
            dst.PluginDownloadURL = src?.PluginDownloadURL ?? ${downloadURL};
            return dst;
        }

        private readonly static string version;
        public static string Version => version;

        static Utilities()
        {
            var assembly = global::System.Reflection.IntrospectionExtensions.GetTypeInfo(typeof(Utilities)).Assembly;
            using var stream = assembly.GetManifestResourceStream("${ns}.version.txt");
            using var reader = new global::System.IO.StreamReader(stream ?? throw new global::System.NotSupportedException("Missing embedded version.txt file"));
            version = reader.ReadToEnd().Trim();
            var parts = version.Split("\\n");
            if (parts.Length == 2)
            {
                // The first part is the provider name.
                version = parts[1].Trim();
            }
        }
    }

    internal sealed class ${attr}Attribute : global::Pulumi.ResourceTypeAttribute
    {
        public ${attr}Attribute(string type) : base(type, Utilities.Version)
        {
        }
    }
}
`;
}
