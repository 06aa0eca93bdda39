/*
 * tk_err.h - the firmware's one error type. Bad input from the host is a
 * returned error (and a NAK with the same reason on the wire); a bug in the
 * core is not an error code but a broken invariant.
 */
#ifndef TK_ERR_H
#define TK_ERR_H

/* Each value is minus the NAK reason the device answers it with
   (tk_proto.h), so the device needs no table to translate. */
typedef enum tk_err {
    TK_OK = 0,
    TK_ERR_FULL = -4,      /* every queue slot is taken */
    TK_ERR_BUSY = -5,      /* the item is on screen and no spare slot is free */
    TK_ERR_TOO_LONG = -6,  /* text longer than TK_ITEM_MAX_BYTES */
    TK_ERR_ORDER = -7,     /* a part that does not continue the item being assembled */
    TK_ERR_INVALID = -8,   /* a value outside its documented range */
    TK_ERR_NOT_FOUND = -10 /* no item with that id (deleting it is done: no NAK) */
} tk_err;

#endif
