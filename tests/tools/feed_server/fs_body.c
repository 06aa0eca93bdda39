/* fs_body.c - see fs_body.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "fs_body.h"

/*
 * The bomb is one raw-deflate segment of BOMB_SEGMENT zero bytes, ended by
 * a full flush so that it stands alone, repeated BOMB_REPEAT times between
 * a gzip header and an empty final block plus the gzip trailer.
 */
#define BOMB_SEGMENT ((size_t)1 << 20)
#define BOMB_REPEAT (FS_HUGE_LEN / BOMB_SEGMENT)
#define ZERO_CHUNK 65536
#define SEGMENT_MAX 65536       /* far more than 1 MiB of zeros deflates to */

static const unsigned char gzip_head[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3 };
static unsigned char zeros[ZERO_CHUNK];
static unsigned char *bomb_seg;
static size_t bomb_seg_len;
static unsigned char bomb_tail[10];    /* empty final block, CRC-32, ISIZE */

static const char filler_head[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel>"
    "<title>huge</title>\n";
static const char filler_line[] = "<!-- padding padding padding padding padding padding -->\n";

int fs_body_file(fs_body *b, const char *path, struct stat *st)
{
    size_t got = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    memset(b, 0, sizeof *b);
    if (fd < 0)
        return -1;
    if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) {
        close(fd);
        return -1;
    }
    if ((uintmax_t)st->st_size > FS_FILE_MAX)
        goto fail;
    b->len = (size_t)st->st_size;
    b->mem = malloc(b->len ? b->len : 1);
    if (!b->mem)
        goto fail;
    while (got < b->len) {
        ssize_t n = read(fd, b->mem + got, b->len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            goto fail;
        got += (size_t)n;
    }
    close(fd);
    b->kind = FS_BODY_MEM;
    return 0;
fail:
    close(fd);
    free(b->mem);
    memset(b, 0, sizeof *b);
    return -2;
}

int fs_body_gzip(fs_body *b)
{
    z_stream z;
    unsigned char *out = NULL;
    uLong cap;
    memset(&z, 0, sizeof z);
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return -1;
    cap = deflateBound(&z, (uLong)b->len) + 32;
    out = malloc(cap);
    if (!out)
        goto fail;
    z.next_in = b->mem;
    z.avail_in = (uInt)b->len;
    z.next_out = out;
    z.avail_out = (uInt)cap;
    if (deflate(&z, Z_FINISH) != Z_STREAM_END)
        goto fail;
    free(b->mem);
    b->mem = out;
    b->len = z.total_out;
    deflateEnd(&z);
    return 0;
fail:
    free(out);
    deflateEnd(&z);
    return -1;
}

uint64_t fs_body_hash(const fs_body *b)
{
    uint64_t h = 14695981039346656037ULL;
    size_t i;
    for (i = 0; i < b->len; i++) {
        h ^= b->mem[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void fs_body_filler(fs_body *b, size_t len)
{
    memset(b, 0, sizeof *b);
    b->kind = FS_BODY_FILLER;
    b->len = len;
}

static void put_le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

int fs_bomb_init(void)
{
    z_stream z;
    uLong seg_crc = crc32(0L, Z_NULL, 0), crc;
    size_t fed, i;
    int rc = Z_OK;

    memset(&z, 0, sizeof z);
    bomb_seg = malloc(SEGMENT_MAX);
    if (!bomb_seg || deflateInit2(&z, 9, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        free(bomb_seg);
        bomb_seg = NULL;
        return -1;
    }
    z.next_out = bomb_seg;
    z.avail_out = SEGMENT_MAX;
    for (fed = 0; fed < BOMB_SEGMENT && rc == Z_OK; fed += ZERO_CHUNK) {
        z.next_in = zeros;
        z.avail_in = ZERO_CHUNK;
        rc = deflate(&z, fed + ZERO_CHUNK < BOMB_SEGMENT ? Z_NO_FLUSH : Z_FULL_FLUSH);
        seg_crc = crc32(seg_crc, zeros, ZERO_CHUNK);
        if (z.avail_in != 0 || z.avail_out == 0)
            rc = Z_BUF_ERROR;
    }
    bomb_seg_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_OK) {
        fs_bomb_free();
        return -1;
    }
    crc = seg_crc;
    for (i = 1; i < BOMB_REPEAT; i++)
        crc = crc32_combine(crc, seg_crc, (z_off_t)BOMB_SEGMENT);
    bomb_tail[0] = 0x03;        /* a final, fixed-Huffman block with only its end code */
    bomb_tail[1] = 0x00;
    put_le32(bomb_tail + 2, (uint32_t)crc);
    put_le32(bomb_tail + 6, (uint32_t)FS_HUGE_LEN);
    return 0;
}

void fs_bomb_free(void)
{
    free(bomb_seg);
    bomb_seg = NULL;
}

void fs_body_bomb(fs_body *b)
{
    memset(b, 0, sizeof *b);
    b->kind = FS_BODY_BOMB;
    b->len = sizeof gzip_head + bomb_seg_len * BOMB_REPEAT + sizeof bomb_tail;
}

/* Up to cap bytes of the bomb from pos, within one of its parts. */
static size_t bomb_piece(size_t pos, unsigned char *out, size_t cap)
{
    size_t body = bomb_seg_len * BOMB_REPEAT, n;
    const unsigned char *src;
    if (pos < sizeof gzip_head) {
        src = gzip_head + pos;
        n = sizeof gzip_head - pos;
    } else if (pos - sizeof gzip_head < body) {
        size_t off = (pos - sizeof gzip_head) % bomb_seg_len;
        src = bomb_seg + off;
        n = bomb_seg_len - off;
    } else {
        size_t off = pos - sizeof gzip_head - body;
        src = bomb_tail + off;
        n = sizeof bomb_tail - off;
    }
    n = n < cap ? n : cap;
    memcpy(out, src, n);
    return n;
}

/* Up to cap bytes of the filler from pos, within its head or one line. */
static size_t filler_piece(size_t pos, unsigned char *out, size_t cap)
{
    size_t head = sizeof filler_head - 1, line = sizeof filler_line - 1, n;
    const char *src;
    if (pos < head) {
        src = filler_head + pos;
        n = head - pos;
    } else {
        size_t off = (pos - head) % line;
        src = filler_line + off;
        n = line - off;
    }
    n = n < cap ? n : cap;
    memcpy(out, src, n);
    return n;
}

size_t fs_body_left(const fs_body *b)
{
    return b->len == FS_ENDLESS ? FS_ENDLESS : b->len - b->pos;
}

size_t fs_body_read(fs_body *b, unsigned char *out, size_t cap)
{
    size_t done = 0, left = fs_body_left(b);
    if (cap > left)
        cap = left;
    while (done < cap) {
        size_t n;
        if (b->kind == FS_BODY_MEM) {
            n = cap - done;
            memcpy(out + done, b->mem + b->pos, n);
        } else if (b->kind == FS_BODY_BOMB) {
            n = bomb_piece(b->pos, out + done, cap - done);
        } else if (b->kind == FS_BODY_FILLER) {
            n = filler_piece(b->pos, out + done, cap - done);
        } else {
            break;
        }
        b->pos += n;
        done += n;
    }
    return done;
}

void fs_body_free(fs_body *b)
{
    free(b->mem);
    memset(b, 0, sizeof *b);
}
