/*
 * daemon.c - tickerd's one loop: poll over the signalfd, every display's
 * link and every socket libcurl wants, until the earliest of the links',
 * curl's and the feeds' deadlines. No threads, no sleeping elsewhere.
 *
 * SIGHUP reloads the config: a bad file is reported and the old config
 * kept. SIGTERM and SIGINT stop; the state is written as it changes, so
 * stopping only closes things.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "clock.h"
#include "cmd.h"
#include "daemon.h"
#include "log.h"
#include "role.h"
#include "status.h"

#define MAX_POLLFDS (2 + CONFIG_MAX_DISPLAYS + FETCH_MAX_SOCKETS)

static void log_config_errors(const char *errors)
{
    while (*errors) {
        size_t n = strcspn(errors, "\n");
        log_msg(LOG_ERROR, "%.*s", (int)n, errors);
        errors += n + (errors[n] ? 1 : 0);
    }
}

static const char *display_path(const config_display *c)
{
    return c->port[0] ? c->port : c->sim;
}

/* Opens a link for every display that has none, or whose path changed;
   closes the links of displays that are gone. */
static void sync_displays(daemon_ctx *d, uint64_t now)
{
    link_conn *links[CONFIG_MAX_DISPLAYS] = { 0 };
    unsigned i, k;

    for (i = 0; i < d->cfg->ndisplays; i++) {
        const config_display *c = &d->cfg->displays[i];
        for (k = 0; k < d->nlinks; k++) {
            if (d->links[k] && strcmp(d->link_names[k], c->name) == 0 &&
                strcmp(link_path(d->links[k]), display_path(c)) == 0) {
                links[i] = d->links[k];
                d->links[k] = NULL;
            }
        }
        if (links[i])
            continue;
        if (!(links[i] = link_new(display_path(c), NULL))) {
            log_msg(LOG_ERROR, "display %s: cannot use %s", c->name, display_path(c));
            continue;
        }
        /* this daemon owns the display: drop what earlier runs left on it */
        link_clear(links[i]);
        link_start(links[i], now);
        log_msg(LOG_INFO, "display %s: on %s", c->name, display_path(c));
    }
    for (k = 0; k < d->nlinks; k++)
        link_free(d->links[k]);
    d->nlinks = 0;
    for (i = 0; i < d->cfg->ndisplays; i++) {
        if (!links[i])
            continue;
        d->links[d->nlinks] = links[i];
        memcpy(d->link_names[d->nlinks], d->cfg->displays[i].name, CONFIG_NAME_MAX);
        d->nlinks++;
    }
    /* the links moved, and the config may say new things: every display
       gets its view made again (the links send only what changed) */
    memset(d->view_set, 0, sizeof d->view_set);
    daemon_playlist_displays(d, 1);
}

/* Makes d's feeds those of d->cfg: keeps the ones that stay (and their
   items and state), adds new ones, frees the ones that went. 0 or -1. */
static int sync_feeds(daemon_ctx *d, uint64_t now)
{
    daemon_feed *feeds[CONFIG_MAX_FEEDS] = { 0 };
    unsigned i, k;

    for (i = 0; i < d->cfg->nfeeds; i++) {
        const config_feed *c = &d->cfg->feeds[i];
        for (k = 0; k < d->nfeeds && !feeds[i]; k++) {
            if (d->feeds[k] && strcmp(d->feeds[k]->cfg.name, c->name) == 0) {
                feeds[i] = d->feeds[k];
                d->feeds[k] = NULL;
                daemon_feed_update(d, feeds[i], c, now);
            }
        }
        if (!feeds[i]) {
            if (!(feeds[i] = daemon_feed_new(d, c))) {
                log_msg(LOG_ERROR, "out of memory");
                for (k = 0; k < i; k++)
                    daemon_feed_free(d, feeds[k]);
                return -1;
            }
            feeds[i]->due_ms = now;
        }
    }
    for (k = 0; k < d->nfeeds; k++)
        daemon_feed_free(d, d->feeds[k]);
    memcpy(d->feeds, feeds, sizeof feeds);
    d->nfeeds = d->cfg->nfeeds;
    return 0;
}

static void reload(daemon_ctx *d, uint64_t now)
{
    char *errors = malloc(CONFIG_ERRORS_MAX);
    config *c, *old = d->cfg;

    if (!errors) {
        log_msg(LOG_ERROR, "reload: out of memory; keeping the old configuration");
        return;
    }
    if (!(c = config_load(old->file, errors, CONFIG_ERRORS_MAX))) {
        log_config_errors(errors);
        log_msg(LOG_ERROR, "reload: %s has errors; keeping the old configuration", old->file);
        free(errors);
        return;
    }
    free(errors);
    d->cfg = c;
    if (sync_feeds(d, now) != 0) {
        d->cfg = old;
        config_free(c);
        return;
    }
    role_reload(d);
    sync_displays(d, now);
    config_free(old);
    daemon_playlist_update(d, time(NULL));
    log_msg(LOG_INFO, "reloaded %s: %u feeds, %u displays", d->cfg->file, d->cfg->nfeeds,
            d->cfg->ndisplays);
}

/* 1 when every feed has been fetched once (for `once`). */
static int all_fetched(const daemon_ctx *d)
{
    unsigned i;
    for (i = 0; i < d->nfeeds; i++)
        if (!d->feeds[i]->fetched_once)
            return 0;
    return 1;
}

static int min_timeout(uint64_t deadline, uint64_t now, int timeout)
{
    uint64_t wait;
    if (deadline == FETCH_NEVER)
        return timeout;
    wait = deadline > now ? deadline - now : 0;
    if (timeout < 0 || wait < (uint64_t)timeout)
        timeout = wait > INT_MAX ? INT_MAX : (int)wait;
    return timeout;
}

/* One turn of the loop; -1 to stop (a signal, or poll failed), 0 to go on. */
static int turn(daemon_ctx *d, int sfd)
{
    struct pollfd p[MAX_POLLFDS];
    int link_at[CONFIG_MAX_DISPLAYS];
    uint64_t now = clock_now_ms();
    unsigned n = 1, k, nfetch, nrole;
    int timeout = -1, r;
    struct signalfd_siginfo si;

    if (now >= d->playlist_due_ms) {
        daemon_playlist_update(d, time(NULL));
        d->playlist_due_ms = now + DAEMON_PLAYLIST_AGEING_MS;
    }
    timeout = min_timeout(d->playlist_due_ms, now, timeout);
    timeout = min_timeout(daemon_feeds_start_due(d, now), now, timeout);
    timeout = min_timeout(fetch_next_deadline_ms(d->fetch), now, timeout);
    timeout = min_timeout(daemon_status_update(d, now), now, timeout);
    timeout = min_timeout(role_next_deadline_ms(d), now, timeout);
    p[0].fd = sfd;
    p[0].events = POLLIN;
    p[0].revents = 0;
    for (k = 0; k < d->nlinks; k++) {
        uint64_t dl = link_next_deadline_ms(d->links[k]);
        timeout = min_timeout(dl == LINK_NEVER ? FETCH_NEVER : dl, now, timeout);
        link_at[k] = -1;
        if (link_fd(d->links[k]) >= 0) {
            p[n].fd = link_fd(d->links[k]);
            p[n].events = link_poll_events(d->links[k]);
            p[n].revents = 0;
            link_at[k] = (int)n++;
        }
    }
    nrole = role_pollfd(d, p + n);
    n += nrole;
    nfetch = fetch_pollfds(d->fetch, p + n, MAX_POLLFDS - n);
    r = poll(p, n + nfetch, timeout);
    if (r < 0 && errno != EINTR) {
        log_msg(LOG_ERROR, "poll: %s", strerror(errno));
        return -1;
    }
    now = clock_now_ms();
    for (k = 0; k < d->nlinks; k++) {
        link_conn *l = d->links[k];
        int i = link_at[k];
        if (i >= 0 && (p[i].revents & (POLLIN | POLLHUP | POLLERR | POLLNVAL)))
            link_on_readable(l, now);
        if (i >= 0 && (p[i].revents & POLLOUT) && link_fd(l) == p[i].fd)
            link_on_writable(l, now);
        link_on_timer(l, now);
    }
    daemon_playlist_displays(d, 0); /* a display that (re)connected: CAPS may be new */
    role_on_poll(d, nrole ? &p[n - 1] : NULL, now);
    if (role_fatal(d)) {
        log_msg(LOG_ERROR, "mqtt: refusing to run: %s", mqtt_link_error(d->role->link));
        d->failed = 1;
        return -1;
    }
    fetch_on_poll(d->fetch, p + n, r > 0 ? nfetch : 0, now);
    while (r > 0 && (p[0].revents & POLLIN) &&
           read(sfd, &si, sizeof si) == (ssize_t)sizeof si) {
        if (si.ssi_signo == SIGHUP && !d->once) {
            log_msg(LOG_INFO, "SIGHUP: reading %s again", d->cfg->file);
            reload(d, now);
        } else {
            log_msg(LOG_INFO, "stopping (signal %u)", si.ssi_signo);
            return -1;
        }
    }
    return 0;
}

static void daemon_free(daemon_ctx *d)
{
    unsigned i;
    role_stop(d); /* first: its Last Will is not sent on a clean disconnect */
    for (i = 0; i < d->nfeeds; i++)
        daemon_feed_free(d, d->feeds[i]);
    for (i = 0; i < d->nlinks; i++)
        link_free(d->links[i]);
    fetch_free(d->fetch);
    state_items_free(d->playlist, d->nplaylist);
    if (d->store)
        status_remove(d->store); /* stopped: `tickerd status` says so */
    state_close(d->store);
    config_free(d->cfg);
    free(d);
}

int daemon_main(const char *config_file, const char *state_dir_arg, int once, FILE *out)
{
    char *errors = malloc(CONFIG_ERRORS_MAX);
    daemon_ctx *d = calloc(1, sizeof *d);
    int sfd = -1, rc = CMD_FAIL;
    unsigned i, ok = 0;
    uint64_t now = clock_now_ms();

    if (!errors || !d) {
        log_msg(LOG_ERROR, "out of memory");
        goto done;
    }
    if (!(d->cfg = config_load(config_file, errors, CONFIG_ERRORS_MAX))) {
        log_config_errors(errors);
        goto done;
    }
    d->once = once;
    d->rng = (uint32_t)getpid() ^ (uint32_t)now;
    if (!(d->fetch = fetch_new(daemon_feed_done, d))) {
        log_msg(LOG_ERROR, "libcurl could not start");
        goto done;
    }
    if (!once && !(d->store = state_open(state_pick_dir(state_dir_arg))))
        goto done;
    if ((sfd = cmd_signal_fd()) < 0) {
        log_msg(LOG_ERROR, "signalfd: %s", strerror(errno));
        goto done;
    }
    if (once && d->cfg->mqtt.role == CONFIG_ROLE_DISPLAY) {
        log_msg(LOG_ERROR, "once fetches feeds; with role = display tickerd has none (run "
                "it on the publisher)");
        goto done;
    }
    if (!once && role_start(d) != 0)
        goto done;
    if (sync_feeds(d, now) != 0)
        goto done;
    if (!once) {
        /* the saved playlist, on the displays at once and back with its feeds */
        daemon_playlist_restore(d, time(NULL));
        sync_displays(d, now);
        log_msg(LOG_INFO, "running: %u feeds, %u displays, state in %s", d->nfeeds,
                d->nlinks, state_dir(d->store));
    }
    while (turn(d, sfd) == 0)
        if (once && all_fetched(d))
            break;
    if (once) {
        daemon_playlist_print(d, out);
        for (i = 0; i < d->nfeeds; i++)
            ok += d->feeds[i]->health == FEED_OK;
        rc = ok || !d->nfeeds ? CMD_OK : CMD_FAIL;
    } else {
        rc = d->failed ? CMD_FAIL : CMD_OK;
    }

done:
    if (sfd >= 0)
        close(sfd);
    if (d)
        daemon_free(d);
    free(errors);
    return rc;
}
