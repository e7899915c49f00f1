# pulumi-modelarts. `make demo` runs the main job on the bundled emulator; `make test` runs every suite;
# `make check` is the inner loop (every suite but the release archives, their install and the soak test).
CONFIG ?= Release
RID ?= linux-x64
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PLUGIN := bin/pulumi-resource-modelarts
EMULATOR_DLL := emulator/bin/$(CONFIG)/net10.0/modelarts-emulator.dll

# PULUMI_FEED: an extra NuGet folder feed for machines whose NuGet source lacks the Pulumi package
# (nuget.org has it; some mirrors do not). An environment variable or `make ... PULUMI_FEED=<dir>`.
ifneq ($(strip $(PULUMI_FEED)),)
override PULUMI_FEED := $(abspath $(PULUMI_FEED))
export PULUMI_FEED
endif

# The committed version (the VERSION file) is what make sdk, the examples and the tests use; make dist takes
# VERSION=x.y.z on the command line to stamp another into one release build without editing a file. A VERSION
# environment variable is ignored: many tools and images set one for their own purposes.
COMMITTED_VERSION := $(shell cat VERSION)
ifneq ($(origin VERSION),command line)
VERSION := $(COMMITTED_VERSION)
endif
# make dist: every platform Pulumi users run on, named <os>-<arch> as Pulumi's installer names them.
DIST ?= dist
PLATFORMS ?= linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64
# The local folder feed the examples restore Pulumi.ModelArts from (examples/Directory.Build.props).
NUGET_OUT := .out/nuget
NUGET_CACHE := $(or $(NUGET_PACKAGES),$(HOME)/.nuget/packages)

.PHONY: all build test check publish demo engine emulator schema sdk sdk-gen examples bench bench-reference node-deps clean help dist dist-archives dist-sdk dist-sums

all: build

help:
	@echo "make build | check | test | demo | engine | emulator | publish | schema | sdk-gen | sdk | examples | dist | bench | bench-reference | clean"

## build: compile the provider, emulator, tests and tools, the policy pack (policy/) and the Node.js SDK (sdk/nodejs)
build: node-deps
	$(DOTNET) build ModelArts.slnx -c $(CONFIG) -nologo -v q
	npm run --silent build --workspace policy
	npm run --silent build --workspace sdk/nodejs

## publish: the self-contained native (AOT) plugin under bin/
publish: $(PLUGIN)

$(PLUGIN): $(shell find provider tools/input-generator -name '*.cs' -o -name '*.proto' -o -name '*.csproj' -o -name '*.json' | grep -v '/obj/' | grep -v '/bin/') Directory.Build.props Directory.Packages.props
	$(DOTNET) publish provider/Provider.csproj -c Release -r $(RID) -o .out/publish -nologo -v q
	mkdir -p bin
	cp .out/publish/pulumi-resource-modelarts $(PLUGIN).tmp && mv -f $(PLUGIN).tmp $(PLUGIN)
	@echo "published $(PLUGIN)"

## node-deps: the Node tooling (test engine, conformance suite) from package-lock.json, again only when it changed
NODE_STAMP := node_modules/.modelarts-npm-ci
node-deps: $(NODE_STAMP)
$(NODE_STAMP): package-lock.json package.json policy/package.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

## sdk-gen: write sdk/dotnet and sdk/nodejs from provider/schema.json (tools/gen-sdk); a test fails when they drift
sdk-gen:
	node tools/gen-sdk/main.mjs

## sdk: Pulumi.ModelArts, compiled against the real Pulumi package and packed into .out/nuget
sdk:
	$(DOTNET) build sdk/dotnet/Pulumi.ModelArts.csproj -c Release -nologo -v q -p:PackageOutputPath=$(abspath $(NUGET_OUT))
	@echo "packed $(NUGET_OUT)/Pulumi.ModelArts.$(COMMITTED_VERSION).nupkg"

## examples: the C# programs (examples/csharp, tests/programs) built as Pulumi's .NET language host
## builds them, from the freshly packed SDK (a cached copy of the same version would hide changes); the
## TypeScript ones type-checked against the freshly compiled sdk/nodejs (the Node.js host runs them with ts-node)
examples: sdk node-deps
	rm -rf $(NUGET_CACHE)/pulumi.modelarts/$(COMMITTED_VERSION)
	$(DOTNET) build -nologo -v q examples/csharp
	$(DOTNET) build -nologo -v q tests/programs/sdk-forms
	$(DOTNET) build -nologo -v q tests/programs/notebooks
	npm run --silent build --workspace sdk/nodejs
	node node_modules/typescript/bin/tsc --noEmit -p examples/typescript
	node node_modules/typescript/bin/tsc --noEmit -p tests/programs/ts-forms

## dist: release archives for every platform, the NuGet package and SHA256SUMS under dist/ (see scripts/dist.sh)
dist: node-deps
	bash scripts/dist.sh --version $(VERSION) --out $(DIST) --platforms "$(PLATFORMS)" --sdk --sums --clean
	cd $(DIST) && sha256sum -c SHA256SUMS

## dist-archives, dist-sdk, dist-sums: the parts of dist, for the release workflow's per-runner jobs
dist-archives: node-deps
	bash scripts/dist.sh --version $(VERSION) --out $(DIST) --platforms "$(PLATFORMS)"
dist-sdk: node-deps
	bash scripts/dist.sh --version $(VERSION) --out $(DIST) --sdk
dist-sums: node-deps
	bash scripts/dist.sh --version $(VERSION) --out $(DIST) --sums

## test: every suite; ends with "tests: N passed, M failed, K skipped". The release suites check dist/.
test: build publish node-deps examples dist
	CONFIG=$(CONFIG) bash scripts/run-tests.sh

## check: the inner loop: unit, integration and the Node suites but dist, install and soak (no release build);
## prints how long it took, builds included
check:
	@start=$$(date +%s); $(MAKE) --no-print-directory build publish node-deps examples && \
	CONFIG=$(CONFIG) bash scripts/run-tests.sh --check; rc=$$?; echo "make check took $$(( $$(date +%s) - start )) s"; exit $$rc

## emulator: the ModelArts API emulator with the bundled catalog, in the foreground (built only when its sources changed)
emulator: $(EMULATOR_DLL)
	$(DOTNET) $(EMULATOR_DLL) $(EMULATOR_ARGS)

$(EMULATOR_DLL): $(shell find emulator -name '*.cs' -o -name '*.csproj' -o -name '*.json' | grep -v '/obj/' | grep -v '/bin/') Directory.Build.props Directory.Packages.props
	$(DOTNET) build emulator -c $(CONFIG) -nologo -v q
	@touch $@

## demo: the C# example program run as `pulumi preview` runs it, against the bundled emulator
demo: build publish node-deps examples
	node tools/demo/demo.mjs --emulator $(EMULATOR_DLL)

## engine: the test engine's front door, e.g. make engine ARGS="preview --cwd examples/csharp" (after make build publish)
engine:
	node tools/engine/cli.mjs $(ARGS)

## schema: regenerate provider/schema.json from the provider (then make sdk-gen for the SDKs)
schema: build
	$(DOTNET) provider/bin/$(CONFIG)/net10.0/pulumi-resource-modelarts.dll --print-schema > provider/schema.json
	@echo "wrote provider/schema.json; run make sdk-gen to regenerate the SDKs"

## bench: benchmarks (not tests); results go to BENCHMARKS.md by hand
bench: build publish bench-reference
	$(DOTNET) run --project bench/Bench.csproj -c Release -- --plugin $(PLUGIN) --emulator $(EMULATOR_DLL) --reference $(BENCH_REF)

## bench-reference: the comparison anchor bench/reference (a one-invoke plugin on Pulumi's own .NET provider SDK),
## its JIT build in .out/bench-reference/jit and its native (AOT) publish in .out/bench-reference/aot, then the
## plugin published the way make publish does into .out/bench-reference/ours; each publish's log beside them
## (aot-publish.log, ours-publish.log) and its trim/AOT warnings (IL2xxx/IL3xxx) counted. Every build starts from an
## empty --artifacts-path, so no step is skipped as up to date and every warning is emitted again;
## TrimmerSingleWarn=false lists each warning instead of one summary per assembly (the binaries are the same).
BENCH_REF := .out/bench-reference
BENCH_REF_FLAGS := -c Release -nologo -v q -m:1 -clp:NoSummary
bench-reference:
	rm -rf $(BENCH_REF) && mkdir -p $(BENCH_REF)
	$(DOTNET) build bench/reference/ReferenceProvider.csproj $(BENCH_REF_FLAGS) --artifacts-path $(BENCH_REF)/jit-artifacts \
	  -o $(BENCH_REF)/jit > $(BENCH_REF)/jit-build.log 2>&1 || { cat $(BENCH_REF)/jit-build.log; exit 1; }
	$(DOTNET) publish bench/reference/ReferenceProvider.csproj $(BENCH_REF_FLAGS) -r $(RID) -p:PublishAot=true -p:TrimmerSingleWarn=false \
	  --artifacts-path $(BENCH_REF)/aot-artifacts -o $(BENCH_REF)/aot > $(BENCH_REF)/aot-publish.log 2>&1 || { cat $(BENCH_REF)/aot-publish.log; exit 1; }
	$(DOTNET) publish provider/Provider.csproj $(BENCH_REF_FLAGS) -r $(RID) -p:TrimmerSingleWarn=false \
	  --artifacts-path $(BENCH_REF)/ours-artifacts -o $(BENCH_REF)/ours > $(BENCH_REF)/ours-publish.log 2>&1 || { cat $(BENCH_REF)/ours-publish.log; exit 1; }
	@for log in aot-publish ours-publish; do \
	  echo "$(BENCH_REF)/$$log.log: $$(grep -E 'warning IL[23][0-9]{3}' $(BENCH_REF)/$$log.log | sort -u | wc -l) trim/AOT warnings"; \
	  grep -oE 'warning IL[23][0-9]{3}' $(BENCH_REF)/$$log.log | sort | uniq -c | sed 's/^/  /'; done
	@echo "sizes (bytes): aot $$(stat -c %s $(BENCH_REF)/aot/pulumi-resource-modelartsref)," \
	  "ours $$(stat -c %s $(BENCH_REF)/ours/pulumi-resource-modelarts), jit folder $$(du -sb $(BENCH_REF)/jit | cut -f1)"

clean:
	$(DOTNET) clean ModelArts.slnx -c $(CONFIG) -nologo -v q || true
	rm -rf bin .out node_modules policy/bin
	find . -type d \( -name bin -o -name obj \) -not -path './node_modules/*' -prune -exec rm -rf {} +
