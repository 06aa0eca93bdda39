/*
 * fuzz_proto.c - libFuzzer target for the device end of the link: any bytes
 * on the serial line, fed one at a time to the decoder and on into the
 * ticker, with frames drawn in between. Nothing may read or write out of
 * bounds, and the decoder's buffer must stay within its size.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tk_device.h"
#include "tk_fonts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tk_ticker ticker;
    static tk_device device;
    static tk_fb fb;
    uint8_t out[TK_DEVICE_OUTBOX];
    uint32_t now = 0;
    size_t i;

    if (tk_ticker_init(&ticker, tk_fonts_builtin[0].data, 64, 8, 0) != TK_OK)
        abort();
    tk_device_init(&device, &ticker, 1);
    tk_fb_init(&fb, 64, 8);
    for (i = 0; i < size; i++) {
        tk_device_rx(&device, data[i], now);
        if (device.decoder.fill > TK_PROTO_MAX_FRAME)
            abort();
        if (i % 16 == 15) {
            now += 20;
            tk_ticker_frame(&ticker, now, &fb);
            tk_device_poll(&device);
            tk_device_output(&device, out, sizeof out);
        }
    }
    return 0;
}
