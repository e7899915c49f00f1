// Pulumi's own generated gRPC stubs (npm @pulumi/pulumi) and the protobuf runtime they are built on.
// Everything the test engine says or hears goes through these, never through stubs of ours.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
export const grpc = require("@grpc/grpc-js");
export const resourceRpc = require("@pulumi/pulumi/proto/resource_grpc_pb.js");
export const resourcePb = require("@pulumi/pulumi/proto/resource_pb.js");
export const engineRpc = require("@pulumi/pulumi/proto/engine_grpc_pb.js");
export const enginePb = require("@pulumi/pulumi/proto/engine_pb.js");
export const providerRpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
export const providerPb = require("@pulumi/pulumi/proto/provider_pb.js");
export const pluginPb = require("@pulumi/pulumi/proto/plugin_pb.js");
export const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb.js");
export const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb.js");
export const emptyPb = require("google-protobuf/google/protobuf/empty_pb.js");
export const structPb = require("google-protobuf/google/protobuf/struct_pb.js");

/** Pulumi's special-object signatures inside a Struct (sdk/go/common/resource/sig). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** The unknown-value sentinel of a preview (plugin.UnknownStringValue). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const secret = (value) => ({ [SIG_KEY]: SECRET_SIG, value });
export const isSecret = (v) => v !== null && typeof v === "object" && v[SIG_KEY] === SECRET_SIG;

/** Promise over a unary client call; rejections carry the gRPC status. */
export function unary(client, method, request, deadlineMs = 120_000) {
  return new Promise((resolve, reject) =>
    client[method](request, { deadline: Date.now() + deadlineMs }, (err, res) => (err ? reject(err) : resolve(res))));
}
