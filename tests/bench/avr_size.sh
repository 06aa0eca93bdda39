#!/bin/sh
# avr_size.sh - builds the AVR firmware for 32x8 (4 modules) and 128x8
# (16 modules) and prints its flash and static RAM beside the budgets of
# ledticker issue 4: flash <= 12 KiB; RAM (.data + .bss) <= 1280 bytes for
# 32x8, of which everything but the queue slots <= 320 bytes. The queue
# slots' size is read from a probe object compiled with the same settings.
# A budget exceeded is reported, not fatal: the cycle figures come from the
# simulated-chip tests (tests/avr). Run by `make bench`.
set -u
BUILD=${BUILD:-build}
MAKE=${MAKE:-make}

section() { # section ELF NAME -> bytes
    avr-size -A "$1" | awk -v s="$2" '$1 == s { print $2; f = 1 } END { if (!f) print 0 }'
}

queue_bytes() { # queue_bytes MODULES -> TK_QUEUE_SLOTS * sizeof(tk_item)
    probe=$BUILD/firmware/probe-$1
    mkdir -p "$probe"
    printf '#include "tk_queue.h"\nchar tk_probe_queue[sizeof(tk_item) * TK_QUEUE_SLOTS];\n' > "$probe/probe.c"
    avr-gcc -mmcu=atmega328p -std=c99 -DTK_MAX7219_MODULES="$1" \
        -include firmware/ports/avr/tk_avr_config.h -Ifirmware/core -Ifirmware/proto \
        -fno-common -c -o "$probe/probe.o" "$probe/probe.c" || return 1
    avr-nm -S -td "$probe/probe.o" | awk '$4 == "tk_probe_queue" { print $2 + 0 }'
}

printf '%-7s %8s %8s %8s %10s\n' display flash ram queue ram-queue
for modules in 4 16; do
    dir=$BUILD/firmware/avr; [ "$modules" = 4 ] || dir=$BUILD/firmware/avr-$modules
    $MAKE --no-print-directory firmware MODULES=$modules >/dev/null || { echo "avr_size: build failed" >&2; exit 1; }
    elf=$dir/ledticker.elf
    text=$(section "$elf" .text); data=$(section "$elf" .data); bss=$(section "$elf" .bss)
    noinit=$(section "$elf" .noinit)
    flash=$((text + data)); ram=$((data + bss + noinit))
    queue=$(queue_bytes $modules)
    rest=$((ram - queue))
    printf '%-7s %8d %8d %8d %10d\n' "$((8 * modules))x8" "$flash" "$ram" "$queue" "$rest"
    if [ "$modules" = 4 ]; then
        [ "$flash" -le 12288 ] || echo "  OVER BUDGET: flash $flash > 12288"
        [ "$ram" -le 1280 ] || echo "  OVER BUDGET: RAM $ram > 1280"
        [ "$rest" -le 320 ] || echo "  OVER BUDGET: RAM without the queue $rest > 320"
    fi
done
echo "budgets (32x8): flash <= 12288, ram <= 1280, ram-queue <= 320"
