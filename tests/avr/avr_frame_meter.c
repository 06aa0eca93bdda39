/* avr_frame_meter.c - see avr_frame_meter.h. */
#include "avr_frame_meter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "avr_ioport.h"
#include "sim_dump.h"
#include "sim_io.h"
#include "sim_term.h"

#define FRAME_MS (1000u / AVR_FRAME_HZ)
#define CYCLES_PER_MS (AVR_FRAME_CYCLES / FRAME_MS)

/* The frame's slot: the multiple of 20 ms nearest its rising edge. */
static uint32_t nominal_ms(avr_cycle_count_t rise)
{
    return (uint32_t)((rise + AVR_FRAME_CYCLES / 2) / AVR_FRAME_CYCLES) * FRAME_MS;
}

/* The falling edge: times the frame and dumps what the chain shows. */
static void frame_done(avr_frame_meter *m, avr_t *avr)
{
    static tk_fb fb;
    uint32_t work = (uint32_t)(avr->cycle - m->rise);
    uint32_t t = nominal_ms(m->rise);
    int late = work > AVR_FRAME_CYCLES;

    if (t >= m->end_ms)
        return;
    if (m->frames > 0) {
        avr_cycle_count_t due = (avr_cycle_count_t)(m->last_t_ms + FRAME_MS) * CYCLES_PER_MS;
        if (m->rise >= due + AVR_FRAME_CYCLES)
            late = 1;
        if (m->rise > due && m->rise - due > m->max_delay)
            m->max_delay = (uint32_t)(m->rise - due);
        if (t > m->last_t_ms + FRAME_MS)
            m->skipped += (t - m->last_t_ms) / FRAME_MS - 1u;
    } else {
        m->first_t_ms = t;
    }
    if ((m->dump_dir || m->term_buf) && !m->failed) {
        avr_max7219_render(m->chain, &fb);
        if (m->dump_dir && sim_dump_frame(m->dump_dir, m->frames, t, &fb, m->err, sizeof m->err) != 0)
            m->failed = 1;
        if (m->term_buf) {
            size_t n = sim_term_render(&fb, m->colour, m->term_buf, m->term_cap);
            if (n > 0)
                sim_term_write(m->term_fd, m->term_buf, n); /* a lost view frame is harmless */
        }
    }
    m->frames++;
    m->work_cycles += work;
    if (work > m->max_work)
        m->max_work = work;
    if (late && m->late++ == 0)
        m->first_late_t_ms = t;
    m->last_t_ms = t;
}

static void on_marker(struct avr_irq_t *irq, uint32_t value, void *param)
{
    avr_frame_meter *m = param;
    int high = value != 0;
    (void)irq;
    if (high == m->high)
        return;
    m->high = high;
    if (high)
        m->rise = m->avr->cycle;
    else
        frame_done(m, m->avr);
}

int avr_frame_meter_attach(avr_frame_meter *m, avr_t *avr, const avr_max7219_chain *chain,
                           const char *dump_dir, uint32_t end_ms, char *err, unsigned errlen)
{
    struct avr_irq_t *pb0 = avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('B'), 0);

    memset(m, 0, sizeof *m);
    m->term_fd = -1;
    if (!pb0) {
        snprintf(err, errlen, "the simulated %s has no port B", avr->mmcu);
        return -1;
    }
    m->avr = avr;
    m->chain = chain;
    m->dump_dir = dump_dir;
    m->end_ms = end_ms;
    avr_irq_register_notify(pb0, on_marker, m);
    return 0;
}

int avr_frame_meter_show(avr_frame_meter *m, int fd, int colour, uint16_t width)
{
    m->term_cap = sim_term_max_bytes(width, 8, colour);
    m->term_buf = malloc(m->term_cap);
    if (!m->term_buf)
        return -1;
    m->term_fd = fd;
    m->colour = colour;
    return 0;
}

void avr_frame_meter_free(avr_frame_meter *m)
{
    free(m->term_buf);
    m->term_buf = NULL;
}
