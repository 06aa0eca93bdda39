/*
 * state.h - what tickerd remembers across restarts, in a state directory
 * (--state-dir, else $STATE_DIRECTORY as systemd sets it, else
 * /var/lib/tickerd): per feed its validators and the ids of the items it
 * has seen with when; and the playlist on the displays.
 *
 * Files are text, one record a line, fields separated by tabs, with tab,
 * newline and backslash escaped as \t, \n and \\; each starts with a
 * header line naming its kind and format version. Every write is atomic
 * (a temporary file, fsync, rename, fsync of the directory), so a crash
 * leaves the old file or the new one. A file that does not read back is
 * reported and renamed aside (NAME.corrupt-YYYYMMDDTHHMMSS), and tickerd
 * starts that part afresh. When writes fail (a full disk) tickerd keeps
 * running on what it holds in memory, says so once, and says once more
 * when writes work again.
 */
#ifndef STATE_H
#define STATE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define STATE_DEFAULT_DIR "/var/lib/tickerd"
#define STATE_MAX_FILE (8u * 1024 * 1024)   /* a bigger state file is corrupt */
#define STATE_MAX_SEEN 1000                 /* seen ids kept per feed: the newest */
#define STATE_ID_MAX 512                    /* bytes of an item id kept */
#define STATE_VALIDATOR_MAX 512
#define STATE_TITLE_MAX 1024
#define STATE_LEAD_MAX 1024                 /* bytes of an item's lead kept */
#define STATE_MAX_ITEMS 1024                /* playlist entries kept */

typedef struct state_store state_store;

typedef struct state_seen {
    char *id;                   /* owned */
    time_t first_seen;
} state_seen;

typedef struct state_feed {
    uint64_t url_hash;          /* of the URL the validators belong to (never the URL) */
    char etag[STATE_VALIDATOR_MAX];
    char last_modified[STATE_VALIDATOR_MAX];
    state_seen *seen;           /* owned, oldest first, at most STATE_MAX_SEEN */
    unsigned nseen;
} state_feed;

typedef struct state_item {
    uint16_t id;                /* on the displays */
    uint8_t breaking;
    char feed[48];
    char *key;                  /* the feed's item id; owned */
    char *title;                /* owned; as the feed gave it (each display condenses it) */
    time_t first_seen;
    time_t published;           /* the feed's date for it; 0: none */
    char *lead;                 /* owned; the feed's summary, NULL when it gave none */
} state_item;

/* The directory to use: dir if given, else $STATE_DIRECTORY (its first
   entry), else STATE_DEFAULT_DIR. Points into static or given storage. */
const char *state_pick_dir(const char *dir);

/* Opens (and creates, mode 0700, when missing) dir. The caller frees the
   result with state_close(). NULL with a logged reason. */
state_store *state_open(const char *dir);
void state_close(state_store *s);
const char *state_dir(const state_store *s);

/* A stable 64-bit hash (FNV-1a) of s. */
uint64_t state_hash(const char *s);

/*
 * Feed NAME's state into *out (emptied first; free it with
 * state_feed_clear). A missing file leaves it empty; a corrupt one is set
 * aside and leaves it empty. Returns 0, or -1 only when out of memory.
 */
int state_feed_load(state_store *s, const char *name, state_feed *out);
/* Writes it atomically; 0, or -1 (logged once per run of failures). */
int state_feed_save(state_store *s, const char *name, const state_feed *f);
void state_feed_clear(state_feed *f);
/* Remembers id as seen at now (no-op when known); drops the oldest past
   STATE_MAX_SEEN. Returns 1 when id is new, 0 when known, -1 out of memory. */
int state_feed_see(state_feed *f, const char *id, time_t now);
/* When id was first seen, or 0. */
time_t state_feed_first_seen(const state_feed *f, const char *id);

/* The playlist: *items gets a malloc'd array the caller frees with
   state_items_free(). Same rules as state_feed_load. */
int state_playlist_load(state_store *s, state_item **items, unsigned *n);
int state_playlist_save(state_store *s, const state_item *items, unsigned n);
void state_items_free(state_item *items, unsigned n);

#endif
