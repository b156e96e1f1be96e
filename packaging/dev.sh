#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# One entry point for a newcomer and for CI: install what the build needs (Debian packages),
# configure with a CMake preset, build, then run the app or the test suite.
set -euo pipefail

# Everything the build, the tests and `run` need. util-linux provides setpriv (used by tests
# that drop privileges), xvfb + xauth let `run` open a window on a headless machine, strace
# injects file-system faults into saves (cli/clifaults), file is needed by CPack's
# dpkg-shlibdeps step, and tzdata holds the time zones business hours are counted in (minimal
# images leave it out). Qt Charts draws the dashboard; its CMake package needs Qt OpenGL's
# (libqt6opengl6-dev), which qt6-charts-dev does not pull in. poppler-utils reads the PDF reports back in the tests.
readonly DEB_PACKAGES=(
    cmake
    ninja-build
    g++
    pkg-config
    qt6-base-dev
    qt6-base-dev-tools
    qt6-charts-dev
    libqt6opengl6-dev
    poppler-utils
    libqt6sql6-sqlite
    libsqlite3-dev
    sqlite3
    util-linux
    strace
    xvfb
    xauth
    file
    fonts-dejavu-core
    tzdata
)

readonly SCRIPT_NAME="packaging/dev.sh"

usage()
{
    cat <<USAGE
Usage: ./${SCRIPT_NAME} COMMAND [ARGS...]

Commands:
  build              install missing Debian packages, configure and build
  run [ARGS...]      build, then start helpboard with ARGS
                     (under xvfb-run when there is no DISPLAY / WAYLAND_DISPLAY)
  test [CTEST ARGS]  build, then run the test suite with ctest (GUI tests offscreen)
  -h, --help         show this help

Uses the CMake preset 'ci' (warnings are errors) when CI is set, else 'dev'.
USAGE
}

die()
{
    echo "dev.sh: error: $*" >&2
    exit 1
}

note()
{
    echo "dev.sh: $*" >&2
}

is_ci()
{
    case "${CI:-}" in
    "" | 0 | false | False | FALSE | no | No | NO) return 1 ;;
    *) return 0 ;;
    esac
}

package_installed()
{
    local status
    status="$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" || return 1
    [[ "$status" == "install ok installed" ]]
}

install_packages()
{
    if ! command -v dpkg-query >/dev/null 2>&1; then
        note "not a Debian-based system: make sure these are installed: ${DEB_PACKAGES[*]}"
        return 0
    fi

    local missing=()
    local pkg
    for pkg in "${DEB_PACKAGES[@]}"; do
        package_installed "$pkg" || missing+=("$pkg")
    done
    if ((${#missing[@]} == 0)); then
        return 0
    fi

    local sudo=()
    if ((EUID != 0)); then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            die "missing packages (${missing[*]}) and not root without sudo: install them as root first"
        fi
    fi

    note "installing missing packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# Sets BUILD_SECONDS. Arguments, if any, are the targets to build (default: everything).
configure_and_build()
{
    local start=$SECONDS
    local targets=()
    if (($# > 0)); then
        targets=(--target "$@")
    fi
    install_packages
    cmake --preset "$PRESET"
    cmake --build --preset "$PRESET" -j2 "${targets[@]}"
    BUILD_SECONDS=$((SECONDS - start))
}

cmd_build()
{
    configure_and_build
    echo "build took ${BUILD_SECONDS} s"
}

cmd_run()
{
    # Only the programs: a newcomer waiting for the window does not need the test executables.
    configure_and_build helpboard helpboard-cli
    echo "build took ${BUILD_SECONDS} s"

    local app="$REPO_ROOT/build/$PRESET/app/helpboard"
    [[ -x "$app" ]] || die "built, but $app is missing"

    # Run from the caller's directory so relative board paths mean what the user typed.
    cd "$CALLER_DIR"
    if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
        note "no DISPLAY or WAYLAND_DISPLAY: running under xvfb-run, so no window will appear on this machine"
        exec xvfb-run -a "$app" --demo "$@"
    fi
    exec "$app" --demo "$@"
}

cmd_test()
{
    configure_and_build

    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    local start=$SECONDS
    local rc=0
    ctest --preset "$PRESET" --output-on-failure "$@" || rc=$?
    local test_seconds=$((SECONDS - start))

    echo "build took ${BUILD_SECONDS} s, tests took ${test_seconds} s"
    return "$rc"
}

main()
{
    if (($# == 0)); then
        usage >&2
        exit 2
    fi

    local command="$1"
    shift

    case "$command" in
    -h | --help | help)
        usage
        return 0
        ;;
    build | run | test) ;;
    *) die "unknown command '$command' (expected build, run or test; see ./${SCRIPT_NAME} -h)" ;;
    esac

    CALLER_DIR="$PWD"
    REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
    cd "$REPO_ROOT"

    if is_ci; then
        PRESET=ci
    else
        PRESET=dev
    fi
    BUILD_SECONDS=0

    "cmd_$command" "$@"
}

main "$@"
