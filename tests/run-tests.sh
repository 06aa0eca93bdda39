#!/bin/sh
# Runs every test binary given, from the top of the tree, shows cmocka's
# output, and ends with one line "N passed, N failed". Exits 1 on any
# failure, including a binary that died before its summary (a sanitizer
# report, a crash, the TEST_TIMEOUT): that binary counts as one failed test.
# Output goes through a file, so a stray child holding it open cannot hang
# the run.
set -u
build=$1
shift
passed=0
failed=0
skipped=0
log="$build/tests/last.log"
mkdir -p "$build/tests"
: > "$log"
out_file="$build/tests/current.out"
for t in "$@"; do
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
        timeout --kill-after=10 "${TEST_TIMEOUT:-600}" "$t" >"$out_file" 2>&1
    rc=$?
    out=$(cat "$out_file")
    printf '%s\n' "$out" | tee -a "$log"
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    k=$(printf '%s\n' "$out" | sed -n 's/^\[  SKIPPED \] \([0-9]*\) test.*/\1/p' | tail -n 1)
    p=${p:-0}
    f=${f:-0}
    skipped=$((skipped + ${k:-0}))
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        echo "!! $t exited with status $rc before reporting a failure" | tee -a "$log"
        f=1
    fi
    passed=$((passed + p))
    failed=$((failed + f))
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
