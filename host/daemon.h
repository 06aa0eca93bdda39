/*
 * daemon.h - tickerd's daemon: one poll loop over the feeds' transfers
 * (libcurl multi), the displays' serial links, timers and signals.
 *
 *   daemon.c           the loop, signals, reloading, the displays
 *   daemon_feeds.c     when each feed is fetched, and what a result does
 *   daemon_playlist.c  the feeds' items -> the playlist (playlist.h) on the displays
 *   daemon_status.c    the status file (status.h) and the displays' telemetry
 *   daemon_cmd.c       `tickerd run`, `tickerd once`, `tickerd check-config`
 *
 * A publisher or display host also has a role (role.h): the broker.
 */
#ifndef DAEMON_H
#define DAEMON_H

#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "config.h"
#include "fetch.h"
#include "link.h"
#include "playlist.h"
#include "state.h"

/* One item of a feed, as the playlist takes it. */
typedef struct daemon_item {
    char *key;                  /* the parser's id; owned */
    char *title;                /* owned; at most STATE_TITLE_MAX - 1 bytes */
    char *lead;                 /* owned; the feed's summary (cut to STATE_LEAD_MAX - 1
                                   bytes), NULL when none */
    time_t first_seen;
    time_t published;           /* the feed's date (published, else updated); 0: none */
} daemon_item;

enum daemon_health { FEED_NEW = 0, FEED_OK, FEED_FAILING };

typedef struct daemon_feed {
    config_feed cfg;            /* a copy: reloading replaces the config */
    state_feed st;              /* validators and seen ids */
    daemon_item *items;         /* owned, newest first, at most cfg.max_items */
    unsigned nitems;
    enum daemon_health health;
    unsigned failures;          /* in a row */
    int in_flight;
    int fetched_once;           /* a transfer finished (well or not) since start */
    uint64_t due_ms;            /* next fetch, on clock_now_ms() */
    time_t last_fetch;          /* when the last transfer finished; 0: none yet */
    char last_error[512];       /* why it failed, one line; "" when it worked */
} daemon_feed;

/* What daemon_status.c keeps between turns. */
typedef struct daemon_status {
    const link_conn *tel_link[CONFIG_MAX_DISPLAYS]; /* whose telemetry tel[k] is */
    msg_telemetry tel[CONFIG_MAX_DISPLAYS];
    time_t tel_at[CONFIG_MAX_DISPLAYS];             /* when it came; 0: none yet */
    uint64_t query_due_ms[CONFIG_MAX_DISPLAYS];
    uint64_t signature;         /* of what the status file says */
    uint64_t written_ms;        /* when it was written; 0: not yet */
} daemon_status;

typedef struct daemon_ctx {
    config *cfg;                /* owned */
    daemon_feed *feeds[CONFIG_MAX_FEEDS]; /* owned */
    unsigned nfeeds;
    link_conn *links[CONFIG_MAX_DISPLAYS]; /* owned, one per [display] */
    char link_names[CONFIG_MAX_DISPLAYS][CONFIG_NAME_MAX];
    unsigned nlinks;
    fetch *fetch;               /* owned */
    state_store *store;         /* owned; NULL for `once` */
    state_item *playlist;       /* owned: what the displays hold */
    unsigned nplaylist;
    playlist_stats pstats;      /* of the last build, to log changes once */
    uint64_t playlist_due_ms;   /* next rebuild for ageing alone */
    playlist_view views[CONFIG_MAX_DISPLAYS]; /* per link: how its titles are made ... */
    msg_caps view_caps[CONFIG_MAX_DISPLAYS];  /* ... for these CAPS */
    uint8_t view_set[CONFIG_MAX_DISPLAYS];    /* 0: make the view again and send it all */
    uint32_t rng;               /* for jitter */
    int once;                   /* fetch each feed once, then stop */
    daemon_status status;
    struct role *role;          /* owned; NULL when standalone */
    int failed;                 /* stopped by an error, not a signal */
} daemon_ctx;

/* ---- daemon.c ---- */

/*
 * Runs the daemon on config_file until SIGTERM or SIGINT (or, with once,
 * until every feed was fetched once, then prints the playlist to out as
 * "FEED<TAB>TITLE" lines). state_dir NULL picks the default (state.h);
 * once keeps no state. Returns a CMD_ exit code.
 */
int daemon_main(const char *config_file, const char *state_dir, int once, FILE *out);

/* ---- daemon_feeds.c ---- */

/* A new feed for cfg, its state loaded from the store (when there is one). */
daemon_feed *daemon_feed_new(daemon_ctx *d, const config_feed *cfg);
void daemon_feed_free(daemon_ctx *d, daemon_feed *f);
/* Takes cfg as f's new configuration; a changed URL drops the validators
   and makes the feed due now. */
void daemon_feed_update(daemon_ctx *d, daemon_feed *f, const config_feed *cfg, uint64_t now_ms);
/* Starts the fetches that are due; the earliest next due time. */
uint64_t daemon_feeds_start_due(daemon_ctx *d, uint64_t now_ms);
/* The fetch module's done function: ctx is the daemon, tag the feed. */
void daemon_feed_done(void *ctx, void *tag, const fetch_response *r);
/*
 * A body arrived for f: parses it (feed.h) and takes the newest items.
 * 0, or -1 with a one-line reason in err when nothing could be parsed.
 */
int daemon_feed_fetched(daemon_ctx *d, daemon_feed *f, const char *body, size_t len,
                        const char *content_type, const char *final_url, long *ttl_min,
                        char *err, size_t errlen);
/* Gives the saved playlist's items back to their feeds (after a restart,
   so that a 304 keeps them). */
void daemon_feeds_adopt(daemon_ctx *d, const state_item *items, unsigned n);

/* ---- daemon_playlist.c ---- */

/* How often the playlist is rebuilt without news, so
   that items leave at their max age and breaking items stop pre-empting. */
#define DAEMON_PLAYLIST_AGEING_MS 60000u

/* Rebuilds the playlist from the feeds' items at now; when it changed,
   sends the differences to every display and saves it. */
void daemon_playlist_update(daemon_ctx *d, time_t now);
/* Makes fresh[0..n) (taking it) the playlist when it differs: sends the
   differences to every display, saves it and tells the role. */
void daemon_playlist_take(daemon_ctx *d, state_item *fresh, unsigned n,
                          const playlist_stats *st);
/* The saved playlist back with its feeds and in d->playlist, at now (so
   the displays get it at once, before any fetch). */
void daemon_playlist_restore(daemon_ctx *d, time_t now);
/* Makes each display's view again when its CAPS changed (or force), and
   then sends it the whole playlist and its settings. */
void daemon_playlist_displays(daemon_ctx *d, int force);
/* The playlist as each configured display would show it (--print). */
void daemon_playlist_print(const daemon_ctx *d, FILE *out);

/* ---- daemon_status.c ---- */

/* Each ready display is asked for its telemetry this often. */
#define DAEMON_QUERY_MS 30000u

/* Keeps each display's last telemetry (asking for it every DAEMON_QUERY_MS)
   and the status file current (status.h); when it next needs a turn. */
uint64_t daemon_status_update(daemon_ctx *d, uint64_t now_ms);

#endif
