/*
 * fs_body.h - the bytes a response carries after its head: a file held in
 * memory (maybe gzipped), a generated filler (the huge and endless
 * bodies), or the gzip bomb. Generated bodies are produced piece by piece
 * as the connection can take them, never held whole.
 */
#ifndef FS_BODY_H
#define FS_BODY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#define FS_FILE_MAX ((size_t)8 << 20)   /* the largest file served, bytes */
#define FS_HUGE_LEN ((size_t)1 << 30)   /* /huge/ and what the bomb inflates to */
#define FS_ENDLESS SIZE_MAX             /* a length that never runs out */

typedef enum fs_body_kind { FS_BODY_NONE, FS_BODY_MEM, FS_BODY_FILLER, FS_BODY_BOMB } fs_body_kind;

typedef struct fs_body {
    fs_body_kind kind;
    unsigned char *mem;     /* FS_BODY_MEM: malloc'd, owned by the body */
    size_t len;             /* bytes in all, FS_ENDLESS for no end */
    size_t pos;             /* bytes produced so far */
} fs_body;

/*
 * Loads the regular file at path into b, and its stat into st. 0; -1 when
 * it is missing or not a regular file; -2 when it is over FS_FILE_MAX or
 * cannot be read.
 */
int fs_body_file(fs_body *b, const char *path, struct stat *st);
/* Replaces a loaded file with its gzip. 0, or -1 leaving b as it was. */
int fs_body_gzip(fs_body *b);
/* The FNV-1a 64 hash of a loaded file: what its ETag is made of. */
uint64_t fs_body_hash(const fs_body *b);
/* A body of len bytes: the start of an RSS document, then padding lines. */
void fs_body_filler(fs_body *b, size_t len);

/* Builds the shared gzip bomb; call once at start. 0, or -1. */
int fs_bomb_init(void);
void fs_bomb_free(void);
/* A body that is the bomb: about 1 MiB of gzip that inflates to 1 GiB. */
void fs_body_bomb(fs_body *b);

/* Copies the next bytes of b, at most cap, into out; returns how many. */
size_t fs_body_read(fs_body *b, unsigned char *out, size_t cap);
/* Bytes still to come; FS_ENDLESS for an endless body. */
size_t fs_body_left(const fs_body *b);
void fs_body_free(fs_body *b);

#endif
