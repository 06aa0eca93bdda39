/*
 * fuzz_proto.c - libFuzzer target for the device end of the link: any bytes
 * on the serial line, fed one at a time to the decoder and on into the
 * ticker, with frames drawn in between. Nothing may read or write out of
 * bounds, the decoder's buffer must stay within its size, and what the
 * device sends (built in the same buffer while the next frame arrives)
 * must be whole frames with good CRCs.
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
    static tk_proto_decoder sent; /* what the device sends, checked */
    uint8_t out[TK_PROTO_MAX_WIRE];
    uint32_t now = 0;
    size_t i;
    uint16_t k, n;

    if (tk_ticker_init(&ticker, tk_fonts_builtin[0].data, 64, 8, 0) != TK_OK)
        abort();
    tk_device_init(&device, &ticker, 1);
    tk_proto_decoder_init(&sent);
    tk_fb_init(&fb, 64, 8);
    for (i = 0; i < size; i++) {
        n = 0;
        /* the line is slow: a byte out at a time while the device refuses */
        while (!tk_device_rx(&device, data[i], now))
            n = (uint16_t)(n + tk_device_output(&device, out + n, 1));
        if (device.decoder.fill > TK_PROTO_MAX_FRAME)
            abort();
        if (i % 16 == 15) {
            now += 20;
            tk_ticker_frame(&ticker, now, &fb);
            tk_device_poll(&device);
            n = (uint16_t)(n + tk_device_output(&device, out + n, (uint16_t)(sizeof out - n)));
        }
        for (k = 0; k < n; k++)
            (void)tk_proto_take(&sent, out[k]);
        if (sent.stats.crc_errors || sent.stats.framing || sent.stats.overflows)
            abort();
    }
    return 0;
}
