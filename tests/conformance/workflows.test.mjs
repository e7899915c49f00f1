// The GitHub workflows cannot run here, so they are checked with GitHub's own workflow parser
// (@actions/workflow-parser, the schema Actions validates against) and for what they must do: CI runs
// `make test`; a v* tag builds every platform on a runner of its own OS through the same make targets
// `make dist` is made of, then publishes the release and the NuGet package.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { convertWorkflowTemplate, NoOperationTraceWriter, parseWorkflow } from "@actions/workflow-parser";
import { repoRoot } from "./harness.mjs";

const workflows = path.join(repoRoot, ".github", "workflows");
const makeTargets = new Set([...fs.readFileSync(path.join(repoRoot, "Makefile"), "utf8").matchAll(/^([A-Za-z0-9_-]+):/gm)].map((m) => m[1]));

async function parse(name, content = fs.readFileSync(path.join(workflows, name), "utf8")) {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const errors = result.context.errors.getErrors().map((e) => e.message);
  const template = errors.length === 0 ? await convertWorkflowTemplate(result.context, result.value) : undefined;
  return { errors: [...errors, ...(template?.errors ?? []).map((e) => e.Message)], template, doc: YAML.parse(content) };
}

/** Every make target a run step calls, e.g. "make dist-sdk dist-sums VERSION=x" -> dist-sdk, dist-sums. */
function makeTargetsCalled(doc) {
  const called = [];
  for (const job of Object.values(doc.jobs)) {
    for (const step of job.steps ?? []) {
      const script = String(step.run ?? "").replace(/\$\{\{.*?\}\}/g, "EXPR");
      for (const m of script.matchAll(/(?:^|[;&|]\s*)make((?:\s+[^\s;&|]+)+)/gm)) {
        called.push(...m[1].trim().split(/\s+/).filter((w) => !w.includes("=") && !w.startsWith("-")));
      }
    }
  }
  return called;
}

test("GitHub's workflow parser reports a mistake (so a clean parse below means something)", async () => {
  const { errors } = await parse("broken.yml", "on: push\njobs:\n  build:\n    runs-onn: ubuntu-24.04\n    steps:\n      - run: make test\n");
  assert.ok(errors.length > 0);
});

for (const name of ["ci.yml", "release.yml"]) {
  test(`${name} is a valid workflow for GitHub's parser, and every make target it calls exists`, async () => {
    const { errors, template, doc } = await parse(name);
    assert.deepEqual(errors, []);
    assert.ok(template.jobs.length > 0);
    const called = makeTargetsCalled(doc);
    assert.ok(called.length > 0, "a job should call make, so what runs there is what runs here");
    for (const target of called) assert.ok(makeTargets.has(target), `${name} calls \`make ${target}\`, which the Makefile does not define`);
  });
}

test("ci.yml runs make test on pushes to main and on pull requests", async () => {
  const { doc } = await parse("ci.yml");
  assert.deepEqual(Object.keys(doc.on).sort(), ["pull_request", "push"]);
  assert.deepEqual(doc.on.push.branches, ["main"]);
  assert.ok(makeTargetsCalled(doc).includes("test"));
});

test("ci.yml installs the Pulumi CLI with Pulumi's own action and requires the real-CLI leg of make test", async () => {
  const { doc } = await parse("ci.yml");
  const steps = doc.jobs.test.steps;
  const cli = steps.findIndex((s) => String(s.uses ?? "").startsWith("pulumi/actions@"));
  const test = steps.findIndex((s) => /\bmake test\b/.test(s.run ?? ""));
  assert.ok(cli >= 0, "no pulumi/actions step");
  assert.equal(steps[cli].with?.command, undefined, "without a command the action only installs the CLI");
  assert.ok(cli < test, "the CLI must be installed before make test runs");
  assert.equal(steps[test].env?.PULUMI_CLI_REQUIRED, "1");
});

test("release.yml: a v* tag builds each platform on its own OS, then publishes archives, SHA256SUMS and the NuGet and npm packages", async () => {
  const { doc, template } = await parse("release.yml");
  assert.deepEqual(doc.on, { push: { tags: ["v*"] } });
  const matrix = doc.jobs.archive.strategy.matrix.include;
  assert.deepEqual(matrix.map((m) => m.platform).sort(), ["darwin-amd64", "darwin-arm64", "linux-amd64", "linux-arm64", "windows-amd64"]);
  const osOfRunner = (runner) => (runner.startsWith("ubuntu") ? "linux" : runner.startsWith("macos") ? "darwin" : runner.startsWith("windows") ? "windows" : "?");
  for (const { platform, runner } of matrix) assert.equal(osOfRunner(runner), platform.split("-")[0], `${platform} must build on its own OS (native AOT cannot cross OSes), not ${runner}`);
  assert.match(matrix.find((m) => m.platform === "linux-arm64").runner, /arm/, "linux-arm64 builds natively on an arm64 runner");
  assert.match(matrix.find((m) => m.platform === "darwin-amd64").runner, /^macos-13/, "darwin-amd64 needs an Intel macOS runner");

  const steps = (job) => doc.jobs[job].steps.map((s) => s.run ?? "").join("\n");
  assert.match(steps("archive"), /make dist-archives PLATFORMS=\$\{\{ matrix\.platform \}\}/);
  assert.deepEqual(template.jobs.find((j) => j.id.value === "publish").needs.map((n) => n.value).sort(), ["archive", "test", "version"]);
  assert.match(steps("publish"), /make dist-sdk dist-sums/);
  assert.match(steps("publish"), /sha256sum -c SHA256SUMS/);
  assert.match(steps("publish"), /gh release create/);
  assert.match(steps("publish"), /dotnet nuget push .*--api-key "\$NUGET_API_KEY"/);
  assert.equal(doc.jobs.publish.steps.find((s) => /nuget push/.test(s.run ?? "")).env.NUGET_API_KEY, "${{ secrets.NUGET_API_KEY }}");
  // The npm package dist-sdk packed, published with the token setup-node's registry-url reads.
  assert.match(steps("publish"), /npm publish "dist\/pulumi-modelarts-modelarts-\$VERSION\.tgz" --access public/);
  assert.equal(doc.jobs.publish.steps.find((s) => /npm publish/.test(s.run ?? "")).env.NODE_AUTH_TOKEN, "${{ secrets.NPM_TOKEN }}");
  assert.equal(doc.jobs.publish.steps.find((s) => s.uses?.startsWith("actions/setup-node")).with["registry-url"], "https://registry.npmjs.org");
  // Only the job that creates the release may write to the repository.
  assert.deepEqual(doc.permissions, { contents: "read" });
  assert.deepEqual(Object.entries(doc.jobs).filter(([, j]) => j.permissions?.contents === "write").map(([id]) => id), ["publish"]);
});
