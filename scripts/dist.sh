#!/usr/bin/env bash
# Builds release artifacts (`make dist`, and the release workflow's jobs, which call the same make targets).
#
#   scripts/dist.sh [--version X.Y.Z] [--out DIR] [--platforms "linux-amd64 ..."] [--sdk] [--sums] [--clean]
#
# Per platform: dist/pulumi-resource-modelarts-v<version>-<os>-<arch>.tar.gz, holding the executable at its root
# (with its run bit), LICENSE and README.md, named as Pulumi's plugin installer expects. --sdk adds
# Pulumi.ModelArts.<version>.nupkg and the npm package pulumi-modelarts-modelarts-<version>.tgz; --sums writes SHA256SUMS over everything in the folder; --clean first removes
# earlier artifacts from the folder (only files of those names, so a mistaken --out loses nothing else).
#
# Native AOT cannot cross operating systems. A platform whose OS is this machine's is built with native AOT
# (linux-arm64 from x64 with Debian's aarch64 GNU toolchain); any other is a self-contained, trimmed
# single-file build, which proves the packaging but is not what a release ships: the release workflow builds
# each platform on a runner of its own OS.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(tr -d '[:space:]' < VERSION)"
out=dist
platforms=""
want_sdk=false
want_sums=false
clean=false
usage='usage: scripts/dist.sh [--version X.Y.Z] [--out DIR] [--platforms "linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64"] [--sdk] [--sums] [--clean]'
die() { echo "dist: $*" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || die "--version needs a value; $usage"; version="$2"; shift 2 ;;
    --out) [ $# -ge 2 ] || die "--out needs a value; $usage"; out="$2"; shift 2 ;;
    --platforms) [ $# -ge 2 ] || die "--platforms needs a value; $usage"; platforms="$2"; shift 2 ;;
    --sdk) want_sdk=true; shift ;;
    --sums) want_sums=true; shift ;;
    --clean) clean=true; shift ;;
    -h|--help) echo "$usage"; exit 0 ;;
    *) die "unknown argument '$1'; $usage" ;;
  esac
done
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] \
  || die "version '$version' is not a semantic version (x.y.z or x.y.z-pre); set VERSION=x.y.z"

case "$(uname -s)" in
  Linux) host_os=linux ;;
  Darwin) host_os=darwin ;;
  MINGW*|MSYS*|CYGWIN*) host_os=windows ;;
  *) die "unsupported build machine $(uname -s)" ;;
esac
case "$(uname -m)" in
  x86_64|amd64) host_arch=amd64 ;;
  aarch64|arm64) host_arch=arm64 ;;
  *) die "unsupported build architecture $(uname -m)" ;;
esac

mkdir -p "$out"
out="$(cd "$out" && pwd)"
if $clean; then rm -f "$out"/pulumi-resource-modelarts-v*.tar.gz "$out"/Pulumi.ModelArts.*.nupkg "$out"/pulumi-modelarts-modelarts-*.tgz "$out"/SHA256SUMS; fi
work="$(pwd)/.out/dist-build/$version"

# <os>-<arch> as Pulumi names them (GOOS-GOARCH) -> the .NET runtime identifier.
rid_of() {
  case "$1" in
    linux-amd64) echo linux-x64 ;; linux-arm64) echo linux-arm64 ;;
    darwin-amd64) echo osx-x64 ;; darwin-arm64) echo osx-arm64 ;;
    windows-amd64) echo win-x64 ;;
    *) die "unknown platform '$1' (one of linux-amd64 linux-arm64 darwin-amd64 darwin-arm64 windows-amd64)" ;;
  esac
}

build_platform() {
  local platform="$1" rid os arch exe=pulumi-resource-modelarts
  rid="$(rid_of "$platform")"
  os="${platform%-*}"; arch="${platform#*-}"
  [ "$os" = windows ] && exe=pulumi-resource-modelarts.exe
  local publish="$work/$platform/publish" stage="$work/$platform/stage"
  rm -rf "$publish" "$stage"
  local flags=(-c Release -r "$rid" -p:Version="$version" --artifacts-path "$work/build" -o "$publish" -nologo -v q)
  local kind
  if [ "$os" = "$host_os" ]; then
    kind="native AOT"
    if [ "$os" = linux ] && [ "$arch" != "$host_arch" ]; then
      [ "$arch" = arm64 ] || die "cross-building $platform from $host_os-$host_arch is not set up"
      command -v aarch64-linux-gnu-gcc >/dev/null \
        || die "linux-arm64 needs Debian's aarch64 cross toolchain: apt-get install gcc-aarch64-linux-gnu (.ci/run installs it)"
      flags+=(-p:CppCompilerAndLinker=aarch64-linux-gnu-gcc -p:ObjCopyName=aarch64-linux-gnu-objcopy)
      kind="native AOT, cross-linked"
    fi
  else
    kind="self-contained single file (native AOT needs a $os machine)"
    flags+=(-p:PublishAot=false -p:SelfContained=true -p:PublishSingleFile=true -p:PublishTrimmed=true
            -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true)
  fi
  echo "== $platform: $kind"
  dotnet publish provider/Provider.csproj "${flags[@]}"
  mkdir -p "$stage"
  cp "$publish/$exe" "$stage/$exe"
  chmod 0755 "$stage/$exe"
  # Apple silicon refuses to run unsigned code; an ad-hoc signature is what an unnotarised tool carries.
  if [ "$os" = darwin ] && [ "$host_os" = darwin ]; then codesign --force --sign - "$stage/$exe"; fi
  cp LICENSE README.md "$stage/"
  node tools/dist/pack.mjs archive "$stage" "$out/pulumi-resource-modelarts-v$version-$platform.tar.gz"
}

for platform in $platforms; do rid_of "$platform" >/dev/null; done   # every name checked before any build
for platform in $platforms; do build_platform "$platform"; done

if $want_sdk; then
  echo "== Pulumi.ModelArts $version"
  dotnet build sdk/dotnet/Pulumi.ModelArts.csproj -c Release -p:Version="$version" --artifacts-path "$work/build" \
    -p:PackageOutputPath="$out" -nologo -v q
  [ -f "$out/Pulumi.ModelArts.$version.nupkg" ] || die "the SDK build wrote no $out/Pulumi.ModelArts.$version.nupkg"
  echo "== @pulumi-modelarts/modelarts $version"
  # A clean compile, so no output of a file the generator no longer writes is packed.
  rm -rf sdk/nodejs/bin
  npm run --silent build --workspace sdk/nodejs
  node tools/dist/pack.mjs npm sdk/nodejs "$version" "$out"
  [ -f "$out/pulumi-modelarts-modelarts-$version.tgz" ] || die "npm pack wrote no $out/pulumi-modelarts-modelarts-$version.tgz"
fi

if $want_sums; then node tools/dist/pack.mjs sums "$out"; fi
