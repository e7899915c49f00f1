// Huawei Cloud's own Node SDK client (@huaweicloud/huaweicloud-sdk-core: HcClient, BasicCredentials, its
// AKSKSigner) against the emulator: the emulator's signature check is thereby proven against Huawei's
// signer, not only against ours. Nobody here wrote the client or its signer.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { creds, startEmulator } from "./harness.mjs";
import { expectedImages } from "./oracle.mjs";

const require = createRequire(import.meta.url);
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");
const { BasicCredentials } = require("@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials");

// One emulator for permanent AK/SK, one that insists on temporary credentials (a security token).
let permanent, temporary;
before(async () => {
  permanent = await startEmulator([], { securityToken: false });
  temporary = await startEmulator();
});
after(async () => { await permanent?.stop(); await temporary?.stop(); });

function client({ emulator, securityToken, tamper = false }) {
  let credentials = new BasicCredentials().withAk(creds.accessKey).withSk(creds.secretKey).withProjectId(creds.projectId);
  if (securityToken) credentials = credentials.withSecurityToken(securityToken);
  const hc = new ClientBuilder((c) => c).withCredential(credentials).withEndpoint(emulator.url).build();
  if (tamper) {
    // One byte of the signature changed on its way out, after Huawei's SDK signed the request.
    const http = hc.httpClient;
    const send = http.sendRequest.bind(http);
    http.sendRequest = (request) => {
      const auth = request.headers.Authorization;
      request.headers.Authorization = auth.slice(0, -1) + (auth.endsWith("0") ? "1" : "0");
      return send(request);
    };
  }
  return hc;
}

const listImages = (hc, queryParams, contentType) => hc.sendRequest({
  method: "GET", url: "/v1/{project_id}/images", pathParams: { project_id: creds.projectId }, queryParams, headers: {}, contentType,
});

const setups = [
  ["AK/SK and project id", () => ({ emulator: permanent })],
  ["AK/SK, project id and security token", () => ({ emulator: temporary, securityToken: creds.securityToken })],
];
for (const [label, setup] of setups) {
  for (const contentType of ["application/json", undefined]) {
    test(`HcClient with ${label}${contentType ? "" : " (no content type: X-Sdk-Content-Sha256 UNSIGNED-PAYLOAD)"} lists the right page`, async () => {
      const options = setup();
      const { emulator } = options;
      const before = (await emulator.stats()).authFailures ?? 0;
      const expected = expectedImages({ type: "DEDICATED", statuses: ["*"] });
      const first = await listImages(client(options), { type: "DEDICATED", limit: 4, offset: 0 }, contentType);
      const second = await listImages(client(options), { type: "DEDICATED", limit: 4, offset: 4 }, contentType);
      assert.equal(first.httpStatusCode, 200);
      assert.equal(first.total, expected.length);
      assert.equal(first.data.length, 4);
      assert.equal(second.data.length, 4);
      const firstIds = new Set(first.data.map((i) => i.id));
      assert.ok(second.data.every((i) => !firstIds.has(i.id)), "offset 4 (= page 1 of size 4) is the next page");
      const all = new Set(expected.map((i) => i.id));
      assert.ok([...first.data, ...second.data].every((i) => all.has(i.id)));
      assert.equal((await emulator.stats()).authFailures ?? 0, before);
    });
  }
}

test("HcClient's request with one byte of the signature changed is refused with the gateway's 401 body", async () => {
  const before = (await permanent.stats()).authFailures;
  await assert.rejects(listImages(client({ emulator: permanent, tamper: true }), { limit: 1 }, "application/json"), (e) => {
    assert.equal(e.status ?? e.httpStatusCode, 401, JSON.stringify(e));
    assert.match(JSON.stringify(e), /APIG\.0301/);
    return true;
  });
  assert.equal((await permanent.stats()).authFailures, before + 1);
});
