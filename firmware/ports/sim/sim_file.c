/* sim_file.c - temporary file + rename; see sim_file.h. */
#include "sim_file.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void sim_errf(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    if (!err || errlen == 0)
        return;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

int sim_file_open(sim_file *f, const char *path, char *err, size_t errlen)
{
    size_t n = strlen(path);
    mode_t mask;
    int fd;

    f->fp = NULL;
    if (n == 0 || n > SIM_FILE_PATH_MAX) {
        sim_errf(err, errlen, "output path is empty or longer than %d bytes",
                 SIM_FILE_PATH_MAX);
        return -1;
    }
    memcpy(f->path, path, n + 1);
    memcpy(f->tmp, path, n);
    memcpy(f->tmp + n, ".XXXXXX", sizeof ".XXXXXX");

    fd = mkstemp(f->tmp);
    if (fd < 0) {
        sim_errf(err, errlen, "%s: cannot create a temporary file: %s", path,
                 strerror(errno));
        return -1;
    }
    /* mkstemp makes 0600; an output picture should be readable like any file. */
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, (mode_t)(0666 & ~mask)) != 0 || !(f->fp = fdopen(fd, "wb"))) {
        sim_errf(err, errlen, "%s: %s", f->tmp, strerror(errno));
        close(fd);
        unlink(f->tmp);
        return -1;
    }
    return 0;
}

int sim_file_commit(sim_file *f, char *err, size_t errlen)
{
    int failed = fflush(f->fp) != 0 || ferror(f->fp) || fsync(fileno(f->fp)) != 0;
    int saved = errno;

    if (fclose(f->fp) != 0 && !failed) {
        failed = 1;
        saved = errno;
    }
    f->fp = NULL;
    if (!failed && rename(f->tmp, f->path) != 0) {
        failed = 1;
        saved = errno;
    }
    if (failed) {
        sim_errf(err, errlen, "%s: write failed: %s", f->path, strerror(saved));
        unlink(f->tmp);
        return -1;
    }
    return 0;
}

void sim_file_abort(sim_file *f)
{
    if (f->fp) {
        fclose(f->fp);
        f->fp = NULL;
    }
    unlink(f->tmp);
}
