// Signs requests with Huawei Cloud's own Node SDK signer (@huaweicloud/huaweicloud-sdk-core, AKSKSigner),
// for the differential test in SignerDifferentialTests.cs. One JSON request per stdin line, one JSON answer
// per stdout line: the canonical request the SDK built, its signed-header list and Authorization header.
import { createRequire } from "node:module";
import readline from "node:readline";

const require = createRequire(import.meta.url);
const { AKSKSigner } = require("@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner");

// sign() keeps the canonical request to itself; listen in on the step that builds it.
let canonicalRequest;
const build = AKSKSigner.buildCanonicalRequest;
AKSKSigner.buildCanonicalRequest = function (...parts) {
  canonicalRequest = build.apply(this, parts);
  return canonicalRequest;
};

for await (const line of readline.createInterface({ input: process.stdin })) {
  let answer;
  try {
    const r = JSON.parse(line);
    const data = r.body == null ? undefined : JSON.parse(r.body);
    if (data !== undefined && JSON.stringify(data) !== r.body) throw new Error("the body is not in JSON.stringify's form");
    canonicalRequest = undefined;
    const headers = AKSKSigner.sign(
      { method: r.method, endpoint: r.endpoint + r.path, headers: r.headers, queryParams: r.query, data },
      { getAk: () => r.accessKey, getSk: () => r.secretKey },
    );
    const signedHeaders = /SignedHeaders=([^,]*)/.exec(headers.Authorization)[1];
    answer = { canonicalRequest, signedHeaders, authorization: headers.Authorization };
  } catch (e) {
    answer = { error: String(e?.message ?? e) };
  }
  process.stdout.write(JSON.stringify(answer) + "\n");
}
