# pulumi-modelarts. `make demo` runs the main job on the bundled emulator; `make test` runs every suite.
CONFIG ?= Release
RID ?= linux-x64
DOTNET ?= dotnet
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

PLUGIN := bin/pulumi-resource-modelarts
EMULATOR_DLL := emulator/bin/$(CONFIG)/net10.0/modelarts-emulator.dll

.PHONY: all build test publish demo emulator schema sdk bench conformance-deps clean help

all: build

help:
	@echo "make build | test | demo | emulator | publish | schema | sdk | bench | clean"

## build: compile the provider, emulator, tests and tools
build:
	$(DOTNET) build ModelArts.slnx -c $(CONFIG) -nologo -v q

## publish: the self-contained native (AOT) plugin under bin/
publish: $(PLUGIN)

$(PLUGIN): $(shell find provider -name '*.cs' -o -name '*.proto' -o -name '*.csproj' -o -name '*.json' | grep -v '/obj/' | grep -v '/bin/') Directory.Build.props Directory.Packages.props
	$(DOTNET) publish provider/Provider.csproj -c Release -r $(RID) -o .out/publish -nologo -v q
	mkdir -p bin
	cp .out/publish/pulumi-resource-modelarts $(PLUGIN).tmp && mv -f $(PLUGIN).tmp $(PLUGIN)
	@echo "published $(PLUGIN)"

conformance-deps:
	@if [ -f tests/conformance/package.json ]; then cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error; fi

## test: every suite; ends with "tests: N passed, M failed"
test: build publish conformance-deps
	CONFIG=$(CONFIG) bash scripts/run-tests.sh

## emulator: the ModelArts API emulator with the bundled catalog, in the foreground
emulator: build
	$(DOTNET) $(EMULATOR_DLL) $(EMULATOR_ARGS)

## demo: the example program's queries through the plugin, against the bundled emulator
demo: build publish
	$(DOTNET) tools/demo/bin/$(CONFIG)/net10.0/modelarts-demo.dll --plugin $(PLUGIN) --emulator $(EMULATOR_DLL)

## schema: regenerate provider/schema.json from the provider
schema: build
	$(DOTNET) provider/bin/$(CONFIG)/net10.0/pulumi-resource-modelarts.dll --print-schema > provider/schema.json
	@echo "wrote provider/schema.json"

## sdk: build sdk/dotnet (needs the Pulumi NuGet package, which this machine's mirror does not serve)
sdk:
	$(DOTNET) build sdk/dotnet/Pulumi.ModelArts.csproj -c $(CONFIG)

## bench: benchmarks (not tests); results go to BENCHMARKS.md by hand
bench: build publish
	$(DOTNET) run --project bench/Bench.csproj -c Release -- --plugin $(PLUGIN) --emulator $(EMULATOR_DLL)

clean:
	$(DOTNET) clean ModelArts.slnx -c $(CONFIG) -nologo -v q || true
	rm -rf bin .out tests/conformance/node_modules
	find . -type d \( -name bin -o -name obj \) -not -path './node_modules/*' -prune -exec rm -rf {} +
