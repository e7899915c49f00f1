// Config/Config.cs: one lazily read, settable static property per config variable, defaults and environment
// fallbacks from the schema, and config-friendly classes for the object types config uses (gen.go genConfig).
import { namespaceOf } from "./files.mjs";
import { comment, defaultValue, propertyName, typeString } from "./names.mjs";

const GETTERS = { string: ["string", "Get"], boolean: ["bool", "GetBoolean"], integer: ["int", "GetInt32"], number: ["double", "GetDouble"] };

function configProperty(ns, p) {
  if (p.type.kind === "object") {
    const cls = `${ns}.Config.Types.${p.type.ref.split(":").at(-1)}`;
    return [`${cls}?`, `GetObject<${cls}>`];
  }
  if (p.type.kind === "array" || p.type.kind === "map") {
    const t = typeString(p.type, "output", { optional: false });
    return [t, `GetObject<${t}>`];
  }
  const [type, getter] = GETTERS[p.type.kind];
  return [p.default !== undefined ? type : `${type}?`, getter];
}

export function configFile(pkg) {
  const ns = namespaceOf(pkg);
  let out = `using System;\nusing System.Collections.Immutable;\n\nnamespace ${ns}\n{\n    public static class Config\n    {\n`;
  out += `        [global::System.Diagnostics.CodeAnalysis.SuppressMessage("Microsoft.Design", "IDE1006", Justification =\n        "Double underscore prefix used to avoid conflicts with variable names.")]\n`;
  out += "        private sealed class __Value<T>\n        {\n            private readonly Func<T> _getter;\n            private T _value = default!;\n            private bool _set;\n\n";
  out += "            public __Value(Func<T> getter)\n            {\n                _getter = getter;\n            }\n\n";
  out += "            public T Get() => _set ? _value : _getter();\n\n            public void Set(T value)\n            {\n                _value = value;\n                _set = true;\n            }\n        }\n\n";
  out += `        private static readonly global::Pulumi.Config __config = new global::Pulumi.Config("${pkg.name}");\n\n`;
  for (const p of pkg.config) {
    const [type, getter] = configProperty(ns, p);
    const fallback = p.default !== undefined || p.environment.length ? ` ?? ${defaultValue(p)}` : "";
    out += `        private static readonly __Value<${type}> _${p.name} = new __Value<${type}>(() => __config.${getter}("${p.name}")${fallback});\n`;
    out += comment(p.description, "        ");
    out += `        public static ${type} ${propertyName(p.name)}\n        {\n            get => _${p.name}.Get();\n            set => _${p.name}.Set(value);\n        }\n\n`;
  }
  const used = pkg.objectTypes.filter((t) => t.usedInConfig);
  if (used.length) {
    out += "        public static class Types\n        {\n";
    for (const t of used) {
      out += "\n" + comment(t.description, "             ") + `             public class ${t.name}\n             {\n`;
      for (const p of t.properties) {
        const type = p.type.kind === "object" ? `${ns}.Config.Types.${p.type.ref.split(":").at(-1)}` : typeString(p.type, "output", { optional: p.type.kind !== "array" && p.type.kind !== "map" });
        out += comment(p.description, "                ") + `                public ${type} ${propertyName(p.name)} { get; set; }${!p.type.kind.match(/array|map/) && p.required && type === "string" ? " = null!;" : ""}\n`;
      }
      out += "            }\n";
    }
    out += "        }\n";
  }
  return out + "    }\n}\n";
}
