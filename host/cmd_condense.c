/* cmd_condense.c - `tickerd condense`: condenses each line of stdin into
   one line of stdout, same order, nothing else printed there. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bdf_compile.h"
#include "cmd.h"
#include "condense.h"
#include "tk_fonts.h"

static const char usage[] =
    "Usage: tickerd condense [--max-bytes N | --max-px N --font F] [--site NAME]\n"
    "                        [--abbrev FILE]\n"
    "Reads one headline (or lead sentence) a line on stdin and writes it condensed\n"
    "to fit the display, one line out for each line in.\n"
    "  --max-bytes N  at most N bytes of UTF-8, 1..4096\n"
    "  --max-px N     at most N pixels wide in font F, 1..65535\n"
    "  --font F       the display's font: a built-in name (mono5x7, prop8, prop16)\n"
    "                 or a BDF file; characters it lacks are transliterated\n"
    "  --site NAME    the feed's name, removed where it ends a headline\n"
    "  --abbrev FILE  abbreviations, one 'long form = short form' a line,\n"
    "                 instead of the built-in table\n";

/* Condenses stdin to stdout; over-long lines are read to their end but
   only their first CONDENSE_MAX_INPUT bytes are used. */
static int run(const condense_opts *o)
{
    static char in[CONDENSE_MAX_INPUT + 2], out[CONDENSE_MAX_INPUT * 3 + 16];
    static char obuf[1 << 16];
    setvbuf(stdout, obuf, _IOFBF, sizeof obuf);
    while (fgets(in, sizeof in, stdin)) {
        size_t n = strlen(in);
        int r;
        if (n > 0 && in[n - 1] == '\n') {
            in[--n] = '\0';
        } else if (!feof(stdin)) {
            int c;
            while ((c = getchar()) != EOF && c != '\n')
                ;
        }
        r = condense_line(o, in, n, out, sizeof out);
        if (r < 0)
            r = 0;
        out[r] = '\n';
        if (fwrite(out, 1, (size_t)r + 1, stdout) != (size_t)r + 1)
            break;
    }
    if (fflush(stdout) || ferror(stdout) || ferror(stdin)) {
        perror("tickerd condense");
        return CMD_FAIL;
    }
    return CMD_OK;
}

int cmd_condense(int argc, char **argv)
{
    static const struct option opts[] = {
        { "max-bytes", required_argument, 0, 'b' }, { "max-px", required_argument, 0, 'p' },
        { "font", required_argument, 0, 'f' }, { "site", required_argument, 0, 's' },
        { "abbrev", required_argument, 0, 'a' }, { "help", no_argument, 0, 'h' },
        { 0, 0, 0, 0 }
    };
    condense_abbrev_table *table = NULL;
    condense_opts o = { 0, 0, NULL, NULL, NULL };
    bdfc_font user = { 0 };
    const char *font = NULL, *abbrev = NULL;
    long bytes = 0, px = 0;
    int c, rc, i;
    char err[256];

    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'b': if (cmd_number("condense", "--max-bytes", optarg, 1, CONDENSE_MAX_INPUT, &bytes)) return CMD_USAGE; break;
        case 'p': if (cmd_number("condense", "--max-px", optarg, 1, 65535, &px)) return CMD_USAGE; break;
        case 'f': font = optarg; break;
        case 's': o.site = optarg; break;
        case 'a': abbrev = optarg; break;
        case 'h': fputs(usage, stdout); return CMD_OK;
        default:
            return cmd_bad_option("condense", argv, "--max-bytes N, --max-px N, --font F, "
                                  "--site NAME, --abbrev FILE, --help");
        }
    }
    if (optind != argc)
        return cmd_usage_error("condense", "unexpected argument '%s'", argv[optind]);
    if (bytes && px)
        return cmd_usage_error("condense", "give --max-bytes N or --max-px N, not both");
    if (px && !font)
        return cmd_usage_error("condense", "--max-px N needs --font F");
    if (abbrev) {
        if (!(table = condense_abbrev_load(abbrev, err, sizeof err))) {
            fprintf(stderr, "tickerd condense: --abbrev %s: %s\n", abbrev, err);
            return CMD_FAIL;
        }
        o.abbrev = table;
    }
    if (font) {
        for (i = 0; tk_fonts_builtin[i].name; i++)
            if (!strcmp(tk_fonts_builtin[i].name, font))
                o.font = tk_fonts_builtin[i].data;
        if (!o.font) {
            if (bdfc_compile_file(font, &user, err, sizeof err)) {
                fprintf(stderr, "tickerd condense: --font %s is not a built-in font "
                        "(mono5x7, prop8, prop16) and not a usable BDF file: %s\n", font, err);
                free(table);
                return CMD_USAGE;
            }
            o.font = user.blob;
        }
    }
    o.max_bytes = (size_t)bytes;
    o.max_px = (unsigned)px;
    rc = run(&o);
    bdfc_free(&user);
    free(table);
    return rc;
}
