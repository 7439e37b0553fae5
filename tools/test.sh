#!/bin/sh
# Build and run the whole test suite: a normal build, then the same suite
# under AddressSanitizer + UndefinedBehaviorSanitizer.
set -eu
cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)

meson setup build --wipe >/dev/null 2>&1 || meson setup build >/dev/null
ninja -C build
meson test -C build --print-errorlogs --num-processes "$jobs"

meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all --wipe >/dev/null 2>&1 || \
    meson setup build-asan -Db_sanitize=address,undefined -Db_lundef=false \
    -Dc_args=-fno-sanitize-recover=all >/dev/null
ninja -C build-asan
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    meson test -C build-asan --print-errorlogs --num-processes "$jobs"
