/*
 * config.h - tickerd's configuration: one INI file (read with libinih)
 * with [display NAME], [feed NAME], [condense], [playlist], [mqtt] and
 * [testing] sections. host/README.md is the reference for every key; this header
 * holds the parsed, checked result.
 *
 * Loading either gives a complete config, every value in its allowed
 * range, or no config and every error found, one per line, each naming
 * the file, the line, the section and key, and what is allowed.
 */
#ifndef CONFIG_H
#define CONFIG_H

#include <stddef.h>

#define CONFIG_MAX_DISPLAYS 8
#define CONFIG_MAX_FEEDS 128
#define CONFIG_NAME_MAX 48          /* a section's NAME: [A-Za-z0-9._-] */
#define CONFIG_PATH_MAX 256
#define CONFIG_URL_MAX 1024
#define CONFIG_TEXT_MAX 256         /* word lists, user agent, idle text */
#define CONFIG_ERRORS_MAX 8192      /* the error text config_load fills */

/* Defaults, and the limits the issue sets. */
#define CONFIG_INTERVAL_DEFAULT_S 300
#define CONFIG_INTERVAL_MIN_S 60
#define CONFIG_TIMEOUT_DEFAULT_S 60
#define CONFIG_MAX_SIZE_DEFAULT (4L * 1024 * 1024)
#define CONFIG_MAX_ITEMS_DEFAULT 10

typedef struct config_display {
    char name[CONFIG_NAME_MAX];
    char port[CONFIG_PATH_MAX];     /* a serial device, or ... */
    char sim[CONFIG_PATH_MAX];      /* ... ticker-sim's link (a pty); exactly one is set */
    long baud;                      /* 115200 */
    long width, height;             /* pixels; 0: as the display reports */
    char font[CONFIG_NAME_MAX];     /* empty: the display's */
    long speed;                     /* pixels per second, 1..1000; 0: the display's */
    long brightness;                /* 0..15; -1: the display's */
    unsigned line;                  /* where the section's first key is */
} config_display;

typedef struct config_feed {
    char name[CONFIG_NAME_MAX];
    char url[CONFIG_URL_MAX];
    long interval_s;                /* at least min_interval_s */
    long priority;                  /* -100..100, higher first */
    long max_items;                 /* 1..64 items of this feed on screen */
    long max_age_s;                 /* 0: no limit */
    long timeout_s;                 /* whole transfer; connect and low-speed limits derive */
    long max_size;                  /* bytes after decompression */
    char include[CONFIG_TEXT_MAX];  /* comma-separated words; empty: all */
    char exclude[CONFIG_TEXT_MAX];
    char ca_file[CONFIG_PATH_MAX];  /* empty: CURL_CA_BUNDLE, SSL_CERT_FILE, the system's */
    char pinned_pubkey[CONFIG_TEXT_MAX];
    char user_agent[CONFIG_TEXT_MAX]; /* empty: tickerd's own */
    int allow_http;                 /* 0: https only, redirects too */
    int breaking;                   /* every item of this feed is breaking news */
    unsigned line;
} config_feed;

struct condense_abbrev_table;

typedef struct config_condense {
    long max_bytes;                 /* 0: no byte budget */
    long max_px;                    /* 0: the display's width times screens */
    char font[CONFIG_NAME_MAX];
    char abbreviations[CONFIG_PATH_MAX];
    /* the abbreviations file, read and checked with the config so that a
       bad one is reported like any bad value; owned by the config. NULL:
       the built-in table */
    struct condense_abbrev_table *abbrev;
} config_condense;

typedef struct config_playlist {
    long max_items;                 /* on screen, all feeds; 1..64 */
    long max_age_s;                 /* 0: no limit */
    long dedup_percent;             /* similarity that makes two items one story */
    char breaking_keywords[CONFIG_TEXT_MAX];
    char idle_text[CONFIG_TEXT_MAX];  /* cut to the display's 32 bytes when sent */
    char separator[7];              /* between items, a space each side: CONFIG holds 8 bytes */
} config_playlist;

/* What this tickerd does (host/README.md, [mqtt]). */
enum config_role {
    CONFIG_ROLE_STANDALONE = 0, /* fetches and drives its own displays */
    CONFIG_ROLE_PUBLISHER,      /* the same, and publishes the playlist to the broker */
    CONFIG_ROLE_DISPLAY         /* fetches nothing: shows what the broker holds */
};

#define CONFIG_HOST_MAX 254             /* a DNS name: 253 bytes */
#define CONFIG_PREFIX_MAX 101           /* a topic prefix */
#define CONFIG_SECRET_MAX 128           /* a user name or password */

typedef struct config_mqtt {
    long role;                          /* enum config_role */
    char host[CONFIG_HOST_MAX];         /* the broker; needed unless standalone */
    long port;                          /* 0: 8883 with TLS, 1883 without */
    char prefix[CONFIG_PREFIX_MAX];     /* topic levels without wildcards */
    char name[CONFIG_NAME_MAX];         /* this host's name; default: the host name */
    int tls;                            /* 1 (default): TLS, certificate verified */
    char ca_file[CONFIG_PATH_MAX];      /* empty: the system's CA directory */
    char username[CONFIG_SECRET_MAX];
    char password[CONFIG_SECRET_MAX];   /* never logged */
    char credentials_file[CONFIG_PATH_MAX]; /* "user" line, "password" line, instead */
    long keepalive_s;
    long reconnect_max_s;               /* the longest wait between connection attempts */
    unsigned line;                      /* of the [mqtt] header; 0: no section */
} config_mqtt;

typedef struct config {
    char file[CONFIG_PATH_MAX];
    config_display displays[CONFIG_MAX_DISPLAYS];
    unsigned ndisplays;
    config_feed feeds[CONFIG_MAX_FEEDS];
    unsigned nfeeds;
    config_condense condense;
    config_playlist playlist;
    config_mqtt mqtt;
    long min_interval_s;            /* [testing] min_interval; 60 unless a test lowers it */
} config;

/*
 * Reads and checks file. On success returns a config the caller frees with
 * config_free(). On failure returns NULL and writes every error, one per
 * line, into errors (errcap bytes, NUL-terminated, cut short when full).
 */
config *config_load(const char *file, char *errors, size_t errcap);
void config_free(config *c);

/* "standalone", "publisher" or "display". */
const char *config_role_name(long role);

/* The feed or display called name, or NULL. */
const config_feed *config_find_feed(const config *c, const char *name);

#endif
