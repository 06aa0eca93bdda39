/* avr_max7219_model.c - see avr_max7219_model.h. */
#include "avr_max7219_model.h"

#include <string.h>

#include "tk_max7219_layout.h"

int avr_max7219_init(avr_max7219_chain *c, unsigned modules)
{
    if (modules < 1 || modules > AVR_MAX7219_MAX_MODULES)
        return -1;
    memset(c, 0, sizeof *c);
    c->modules = (uint8_t)modules;
    return 0;
}

void avr_max7219_byte(avr_max7219_chain *c, uint8_t byte)
{
    if (!c->cs_low) {
        c->bytes_ignored++;
        return;
    }
    /* Every module passes its oldest byte on to the next one (DOUT to DIN). */
    memmove(c->shift + 1, c->shift, 2u * c->modules - 1u);
    c->shift[0] = byte;
    c->shifted++;
}

static void write_register(avr_max7219_chain *c, avr_max7219_module *m, uint8_t addr, uint8_t data)
{
    switch (addr & 0x0Fu) {
    case TK_MAX7219_NOOP:
        break;
    case TK_MAX7219_DECODE:
        m->decode = data;
        if (data != 0)
            c->decode_errors++;
        break;
    case TK_MAX7219_INTENSITY: m->intensity = data & 0x0Fu; break;
    case TK_MAX7219_SCAN_LIMIT: m->scan_limit = data & 0x07u; break;
    case TK_MAX7219_SHUTDOWN: m->shutdown = data & 0x01u; break;
    case TK_MAX7219_TEST: m->test = data & 0x01u; break;
    case 0x0D:
    case 0x0E:
        break; /* unused addresses: the datasheet leaves them without effect */
    default:
        m->digit[(addr & 0x0Fu) - TK_MAX7219_DIGIT(0)] = data;
        break;
    }
}

void avr_max7219_cs(avr_max7219_chain *c, int level)
{
    unsigned m;
    if (!level) {
        if (!c->cs_low)
            c->shifted = 0;
        c->cs_low = 1;
        return;
    }
    if (!c->cs_low)
        return;
    c->cs_low = 0;
    if (c->shifted == 0)
        return;
    c->latches++;
    if (c->shifted != 2u * c->modules)
        c->bad_latches++;
    for (m = 0; m < c->modules; m++)
        write_register(c, &c->mod[m], c->shift[2 * m + 1], c->shift[2 * m]);
}

void avr_max7219_render(const avr_max7219_chain *c, tk_fb *fb)
{
    unsigned m;
    uint8_t d, bit;

    tk_fb_init(fb, (uint16_t)(8u * c->modules), 8);
    for (m = 0; m < c->modules; m++) {
        const avr_max7219_module *mod = &c->mod[m];
        uint16_t x0 = tk_max7219_module_x(c->modules, (uint8_t)m);
        if (!mod->shutdown && !mod->test)
            continue;
        for (d = 0; d < 8; d++) {
            uint8_t data = mod->test ? 0xFFu : d <= mod->scan_limit ? mod->digit[d] : 0u;
            for (bit = 0; bit < 8; bit++)
                if (data & (1u << bit))
                    tk_fb_set_pixel(fb, (uint16_t)(x0 + tk_max7219_pixel_x(d, bit)),
                                    tk_max7219_pixel_y(d, bit), 1);
        }
    }
}
