/*
 * test_avr_harness.c - the simulated-chip harness checked against a small
 * AVR program of known behaviour (fixtures/max7219_pattern.c), before it
 * is trusted with the firmware: SPI timing, the MAX7219 chain's decoding
 * and layout, the frame marker's timing, the UART bridge and its overrun
 * count, and the stack high-water mark.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avr_run.h"
#include "harness.h"

#define FIXTURE "build/avr-fixtures/max7219_pattern.elf"
#define MODULES 4
#define WIDTH (8 * MODULES)
/* The fixture's digit d of module m. */
#define PATTERN(m, d) ((uint8_t)(((m) << 5) ^ ((d) * 0x11u) ^ 0x5Au))

static char dir[256], script[300], frames_dir[300], tx_path[300];
static avr_stats st;
static char out[8192];
static frames fr;
static uint8_t tx[4096];
static size_t tx_len;

/* 20 bytes at 100 ms; 40 bytes from 199 ms, into the fixture's 1 ms of
   busy work at 200 ms, which the 2-byte receive buffer cannot cover. */
#define FIRST_BURST 20
#define SECOND_BURST 40

static void write_script(void)
{
    FILE *f = fopen(script, "w");
    int i;
    assert_non_null(f);
    fprintf(f, "# two bursts of counting bytes\n100");
    for (i = 1; i <= FIRST_BURST; i++)
        fprintf(f, " %02x", i);
    fprintf(f, "\n199");
    for (i = FIRST_BURST + 1; i <= FIRST_BURST + SECOND_BURST; i++)
        fprintf(f, " %02x", i);
    fprintf(f, "\n");
    assert_int_equal(fclose(f), 0);
}

/* Runs the fixture for one simulated second, once for all the tests. */
static int run_fixture(void **state)
{
    const char *args[] = { "--modules", "4", "--script", script, "--seconds", "1",
                           "--dump", frames_dir, "--tx", tx_path, FIXTURE, NULL };
    FILE *f;
    (void)state;
    harness_tmpdir(dir, sizeof dir);
    snprintf(script, sizeof script, "%s/script.txt", dir);
    snprintf(frames_dir, sizeof frames_dir, "%s/frames", dir);
    snprintf(tx_path, sizeof tx_path, "%s/tx.bin", dir);
    write_script();
    avr_run(args, 60000, &st, out, sizeof out);
    frames_load(&fr, frames_dir);
    f = fopen(tx_path, "rb");
    assert_non_null(f);
    tx_len = fread(tx, 1, sizeof tx, f);
    fclose(f);
    return 0;
}

static int cleanup(void **state)
{
    (void)state;
    frames_free(&fr);
    harness_rmtree(dir);
    return 0;
}

/* The fixture's pattern as the FC-16 layout puts it on the display: module
   0 at the right, digit d on row d, bit 7 the module's leftmost column. */
static int expected_pixel(unsigned x, unsigned y)
{
    unsigned m = MODULES - 1 - x / 8, col = x % 8;
    return (PATTERN(m, y) >> (7 - col)) & 1;
}

static void assert_pattern(const tk_fb *fb, int blank_module, int short_module)
{
    unsigned x, y;
    assert_int_equal(fb->width, WIDTH);
    assert_int_equal(fb->height, 8);
    for (y = 0; y < 8; y++)
        for (x = 0; x < WIDTH; x++) {
            int m = MODULES - 1 - (int)(x / 8);
            int want = expected_pixel(x, y);
            if (m == blank_module || (m == short_module && y > 3))
                want = 0;
            if (tk_fb_pixel(fb, (uint16_t)x, (uint8_t)y) != want) {
                print_error("pixel (%u,%u): want %d\n", x, y, want);
                fail();
            }
        }
}

static void test_spi_byte_takes_16_cycles(void **state)
{
    unsigned took;
    (void)state;
    /* The harness's own measure, SPDR write to completion: 16 cycles at
       fosc/2, plus at most the instruction the CPU is in the middle of. */
    assert_int_equal(st.spi_divider, 2);
    assert_true(st.spi_bytes > 1000);
    assert_true(st.spi_min >= 16 && st.spi_max <= 18);
    /* The fixture's own: Timer1 cycles for a latch of 8 bytes, loop and
       CS included; simavr's stock 100 us per byte would make it 12,800. */
    assert_true(tx_len >= 3);
    assert_int_equal(tx[0], 'S');
    took = (unsigned)tx[1] | ((unsigned)tx[2] << 8);
    assert_true(took >= 8 * 16 && took <= 8 * 32);
}

static void test_max7219_words_decoded(void **state)
{
    unsigned x, y;
    (void)state;
    assert_true(fr.count >= 6);
    assert_pattern(&fr.fb[0], -1, -1);
    for (y = 0; y < 8; y++)            /* display test */
        for (x = 0; x < WIDTH; x++)
            assert_int_equal(tk_fb_pixel(&fr.fb[1], (uint16_t)x, (uint8_t)y), 1);
    assert_pattern(&fr.fb[2], 1, -1);  /* module 1 shut down */
    assert_pattern(&fr.fb[3], -1, 3);  /* module 3 scans 4 digits */
    assert_pattern(&fr.fb[4], -1, 3);  /* decode mode: counted, not drawn */
    assert_pattern(&fr.fb[5], -1, -1);
    assert_int_equal(st.decode_errors, 1);
    assert_int_equal(st.bad_latches, 0);
    assert_int_equal(st.intensity, 3);
}

static void test_frame_times_and_late_frames(void **state)
{
    unsigned i;
    (void)state;
    assert_int_equal(fr.count, 50);
    assert_int_equal(st.frames, 50);
    for (i = 0; i < fr.count; i++)
        assert_int_equal(fr.t_ms[i], 20 * i);
    /* Frame 30 works 25 ms: late. Frame 31 starts 5 ms after it was due:
       delayed, not late. */
    assert_int_equal(st.late, 1);
    assert_int_equal(st.skipped, 0);
    assert_true(st.max_delay >= 5 * 16000 && st.max_delay < 6 * 16000);
    assert_true(st.cycles_max >= 25 * 16000 && st.cycles_max < 27 * 16000);
}

static void test_uart_echo_and_overruns(void **state)
{
    size_t i;
    (void)state;
    /* Every byte arrived or was counted lost in the overrun, only there. */
    assert_int_equal(st.rx + st.overruns, FIRST_BURST + SECOND_BURST);
    assert_true(st.overruns >= 5 && st.overruns <= 13);
    assert_int_equal(st.lost, 0);
    /* The echo: the first burst whole, then the second with a gap. */
    assert_int_equal(tx_len, 3 + st.rx);
    for (i = 0; i < FIRST_BURST + 2; i++)
        assert_int_equal(tx[3 + i], i + 1);
    for (i = 1; i < st.rx; i++)
        assert_true(tx[3 + i] > tx[3 + i - 1]);
    assert_int_equal(tx[3 + st.rx - 1], FIRST_BURST + SECOND_BURST);
}

static void test_stack_high_water(void **state)
{
    (void)state;
    /* The fixture's 120-byte local array, a call and the interrupt frame. */
    assert_true(st.stack >= 120 && st.stack < 200);
    assert_int_equal(st.stack_room, 2048 - 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spi_byte_takes_16_cycles),
        cmocka_unit_test(test_max7219_words_decoded),
        cmocka_unit_test(test_frame_times_and_late_frames),
        cmocka_unit_test(test_uart_echo_and_overruns),
        cmocka_unit_test(test_stack_high_water),
    };
    return cmocka_run_group_tests(tests, run_fixture, cleanup);
}
