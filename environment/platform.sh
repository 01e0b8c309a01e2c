# The machine set-up runs on, read once by environment/setup.sh (sourced, not run).
# INTERP4J_UNAME_S and INTERP4J_UNAME_M stand in for `uname -s` and `uname -m`, so that
# `environment/setup.sh --platform` can be asked about machines it is not running on
# (SetupPlatformTest does this for every answer below).
#
# Sets:
#   PLATFORM_OS       linux, macos, windows (Git Bash, MSYS2 or Cygwin) or unknown
#   PLATFORM_ARCH     x86_64 or aarch64 (arm64 is the same machine), else uname's answer
#   PLATFORM_NATIVE   DJL's classifier of the PyTorch native library for this machine, empty if DJL has none;
#                     Maven picks the same one by itself (profiles in pom.xml), this is for early, clear advice
#   PLATFORM_PACKAGES how fonts and Chromium get installed here: apt-get, brew or manual
#   PLATFORM_BROWSER  where the browser test looks for Chromium unless CHROMIUM is set
#   PLATFORM_ADVICE   one line saying what to install by hand when set-up cannot do it itself

# The classifiers DJL publishes for the kit's PyTorch version (pom.xml's enforcer accepts the same four).
NATIVE_CLASSIFIERS="linux-x86_64 linux-aarch64 osx-aarch64 win-x86_64"

detect_platform() {
  local s="${INTERP4J_UNAME_S:-$(uname -s)}" m="${INTERP4J_UNAME_M:-$(uname -m)}"
  case "$s" in
    Linux) PLATFORM_OS=linux ;;
    Darwin) PLATFORM_OS=macos ;;
    MINGW*|MSYS*|CYGWIN*) PLATFORM_OS=windows ;;
    *) PLATFORM_OS=unknown ;;
  esac
  case "$m" in
    x86_64|amd64) PLATFORM_ARCH=x86_64 ;;
    aarch64|arm64) PLATFORM_ARCH=aarch64 ;;
    *) PLATFORM_ARCH="$m" ;;
  esac

  local prefix
  case "$PLATFORM_OS" in linux) prefix=linux ;; macos) prefix=osx ;; windows) prefix=win ;; *) prefix=none ;; esac
  PLATFORM_NATIVE=""
  case " $NATIVE_CLASSIFIERS " in *" $prefix-$PLATFORM_ARCH "*) PLATFORM_NATIVE="$prefix-$PLATFORM_ARCH" ;; esac

  case "$PLATFORM_OS" in
    linux)
      PLATFORM_BROWSER=/usr/bin/chromium
      if command -v apt-get >/dev/null; then PLATFORM_PACKAGES=apt-get; else PLATFORM_PACKAGES=manual; fi
      PLATFORM_ADVICE="install fontconfig, the DejaVu fonts and (for the tests) chromium with your package manager"
      ;;
    macos)
      PLATFORM_PACKAGES=brew
      PLATFORM_BROWSER=/Applications/Chromium.app/Contents/MacOS/Chromium
      PLATFORM_ADVICE="for the tests install Chromium with: brew install --cask chromium (or set CHROMIUM=/path/to/chrome)"
      ;;
    windows)
      PLATFORM_PACKAGES=manual
      PLATFORM_BROWSER="/c/Program Files/Google/Chrome/Application/chrome.exe"
      PLATFORM_ADVICE="for the tests install Google Chrome (or set CHROMIUM=/path/to/chrome.exe)"
      ;;
    *)
      PLATFORM_PACKAGES=manual
      PLATFORM_BROWSER=""
      PLATFORM_ADVICE="install fonts and (for the tests) Chromium yourself, then set CHROMIUM=/path/to/chromium"
      ;;
  esac
}

# One line for a machine without a PyTorch native library: what to do instead.
native_advice() {
  case "$PLATFORM_OS-$PLATFORM_ARCH" in
    macos-x86_64) echo "PyTorch publishes no native library for Intel Macs any more: run the kit in a Linux x86-64 container or VM" ;;
    *) echo "PyTorch (through DJL) has no native library for $PLATFORM_OS on $PLATFORM_ARCH: use a machine listed in README.md under What you need" ;;
  esac
}
