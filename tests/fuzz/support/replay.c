/*
 * replay.c - `make test` runs every input kept in tests/fuzz/corpus/NAME
 * through fuzz target NAME, under AddressSanitizer and UBSan, so a crash
 * the fuzzer once found stays fixed: its input goes in that directory.
 *
 * Linked with one target (build/tests/replay_NAME); the target's name is
 * this program's own name after "replay_", so one driver serves them all.
 * A target aborts or trips a sanitizer on a bad input, which ends the run
 * with that input named on stderr just before.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Inputs larger than this are not kept in the corpus. */
#define REPLAY_INPUT_MAX (1024 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char corpus[256];

/* The whole file at path into a fresh buffer (the caller frees it); NULL
   when it cannot be read or is too large. */
static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf = malloc(REPLAY_INPUT_MAX);
    if (!f || !buf) {
        if (f)
            fclose(f);
        free(buf);
        return NULL;
    }
    *len = fread(buf, 1, REPLAY_INPUT_MAX, f);
    fclose(f);
    if (*len == REPLAY_INPUT_MAX) {
        free(buf);
        return NULL;
    }
    return buf;
}

static void test_every_kept_input(void **state)
{
    struct dirent *e;
    DIR *d = opendir(corpus);
    int inputs = 0;
    (void)state;

    if (!d)
        fail_msg("cannot open %s", corpus);
    while ((e = readdir(d))) {
        char path[512];
        uint8_t *data;
        size_t len = 0;
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", corpus, e->d_name);
        if (!(data = slurp(path, &len)))
            fail_msg("cannot read %s (or it is over %d bytes)", path, REPLAY_INPUT_MAX);
        fprintf(stderr, "replay: %s\n", path);
        assert_int_equal(LLVMFuzzerTestOneInput(data, len), 0);
        free(data);
        inputs++;
    }
    closedir(d);
    assert_true(inputs > 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = { cmocka_unit_test(test_every_kept_input) };
    const char *name = argc > 0 ? strrchr(argv[0], '/') : NULL;

    name = name ? name + 1 : argc > 0 ? argv[0] : "";
    if (strncmp(name, "replay_", 7) != 0) {
        fprintf(stderr, "replay: run me as .../replay_NAME, NAME a fuzz target\n");
        return 2;
    }
    snprintf(corpus, sizeof corpus, "tests/fuzz/corpus/%s", name + 7);
    return cmocka_run_group_tests_name(name, tests, NULL, NULL);
}
