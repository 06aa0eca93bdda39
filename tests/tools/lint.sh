#!/bin/sh
# `make lint`: cppcheck over our C, and a refusal of the string functions
# that overflow or mislead (the list curl bans). Exits 1 on any finding.
set -u
status=0
sources=$(git ls-files '*.c' '*.h' 2>/dev/null || find firmware host fonts tests -name '*.[ch]')
banned=$(grep -nE '\b(sprintf|strcpy|strcat|strncpy|strtok|sscanf|gets)[[:space:]]*\(' $sources)
if [ -n "$banned" ]; then
    echo "lint: banned string functions (use snprintf, memcpy with a size, strtol):"
    echo "$banned"
    status=1
fi
if ! cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
        --inline-suppr --suppress=missingIncludeSystem --std=c11 \
        -Ifirmware/core -Ifirmware/ports/sim -Ifonts $sources; then
    echo "lint: cppcheck found problems"
    status=1
fi
[ $status -eq 0 ] && echo "lint: clean"
exit $status
