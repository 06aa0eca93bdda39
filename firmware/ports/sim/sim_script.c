/* sim_script.c - see sim_script.h. */
#include "sim_script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim_file.h"

/* Parses one line's hex bytes into s; 0, or -1 with a reason in err. */
static int parse_bytes(sim_script *s, uint32_t *fill, const char *p, char *err, size_t errlen,
                       const char *path, unsigned lineno)
{
    for (;;) {
        char *end;
        unsigned long v;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == 0 || *p == '\n' || *p == '\r')
            return 0;
        v = strtoul(p, &end, 16);
        if (end == p || end - p > 2 || v > 0xFF) {
            sim_errf(err, errlen, "%s:%u: expected hex bytes (00..ff) after the time", path, lineno);
            return -1;
        }
        if (*fill >= SIM_SCRIPT_MAX_BYTES) {
            sim_errf(err, errlen, "%s:%u: more than %d bytes in the script", path, lineno,
                     SIM_SCRIPT_MAX_BYTES);
            return -1;
        }
        s->bytes[(*fill)++] = (uint8_t)v;
        p = end;
    }
}

int sim_script_load(sim_script *s, const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    char line[4096];
    unsigned lineno = 0;
    uint32_t fill = 0, last_ms = 0;

    memset(s, 0, sizeof *s);
    if (!f) {
        sim_errf(err, errlen, "cannot open script %s", path);
        return -1;
    }
    s->bytes = malloc(SIM_SCRIPT_MAX_BYTES);
    s->burst_ms = malloc(SIM_SCRIPT_MAX_BURSTS * sizeof *s->burst_ms);
    s->burst_end = malloc(SIM_SCRIPT_MAX_BURSTS * sizeof *s->burst_end);
    if (!s->bytes || !s->burst_ms || !s->burst_end) {
        sim_errf(err, errlen, "out of memory for the script");
        goto fail;
    }
    while (fgets(line, sizeof line, f)) {
        char *end;
        unsigned long ms;
        lineno++;
        if (line[0] == '#' || line[strspn(line, " \t\r\n")] == 0)
            continue;
        ms = strtoul(line, &end, 10);
        if (end == line || (*end != ' ' && *end != '\t') || ms > 0xFFFFFFFFul || ms < last_ms) {
            sim_errf(err, errlen, "%s:%u: expected a time in ms, not before the last one", path,
                     lineno);
            goto fail;
        }
        if (s->bursts >= SIM_SCRIPT_MAX_BURSTS) {
            sim_errf(err, errlen, "%s:%u: more than %d lines", path, lineno, SIM_SCRIPT_MAX_BURSTS);
            goto fail;
        }
        if (parse_bytes(s, &fill, end, err, errlen, path, lineno) != 0)
            goto fail;
        last_ms = (uint32_t)ms;
        s->burst_ms[s->bursts] = last_ms;
        s->burst_end[s->bursts++] = fill;
    }
    fclose(f);
    return 0;
fail:
    fclose(f);
    sim_script_free(s);
    return -1;
}

void sim_script_free(sim_script *s)
{
    free(s->bytes);
    free(s->burst_ms);
    free(s->burst_end);
    memset(s, 0, sizeof *s);
}

uint32_t sim_script_due(sim_script *s, uint32_t now_ms, const uint8_t **data)
{
    uint32_t start = s->delivered;
    while (s->next < s->bursts && s->burst_ms[s->next] <= now_ms)
        s->delivered = s->burst_end[s->next++];
    *data = s->bytes + start;
    return s->delivered - start;
}
