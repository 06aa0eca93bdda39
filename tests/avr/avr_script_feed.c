/* avr_script_feed.c - see avr_script_feed.h. */
#include "avr_script_feed.h"

typedef struct feed {
    sim_script *script;
    avr_uart_bridge *bridge;
} feed;

static feed the_feed; /* one script per run */

static avr_cycle_count_t burst_cycle(const sim_script *s)
{
    return (avr_cycle_count_t)s->burst_ms[s->next] * AVR_CYCLES_PER_MS;
}

/* Cycle timer at a burst's time: queues every burst now due, then waits
   for the next one. */
static avr_cycle_count_t on_burst(struct avr_t *avr, avr_cycle_count_t when, void *param)
{
    feed *f = param;
    const uint8_t *data;
    uint32_t n = sim_script_due(f->script, (uint32_t)(when / AVR_CYCLES_PER_MS), &data);
    (void)avr;
    if (n > 0)
        avr_uart_bridge_send(f->bridge, data, n);
    if (f->script->next >= f->script->bursts)
        return 0;
    return burst_cycle(f->script);
}

void avr_script_feed_start(sim_script *s, avr_uart_bridge *b)
{
    avr_t *avr = b->avr;
    the_feed.script = s;
    the_feed.bridge = b;
    if (s->bursts == 0)
        return;
    avr_cycle_timer_register(avr, burst_cycle(s) > avr->cycle ? burst_cycle(s) - avr->cycle : 0,
                             on_burst, &the_feed);
}
