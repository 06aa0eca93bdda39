/*
 * tk_vectors.h - reads tests/fixtures/proto-vectors.txt, the wire protocol
 * examples of firmware/README.md, for the device's and the host's tests.
 */
#ifndef TK_VECTORS_H
#define TK_VECTORS_H

#include <stdint.h>
#include "tk_proto.h"

#define TK_VECTORS_MAX 32

typedef struct tk_vector {
    char name[32];
    tk_frame frame;                   /* version 1, type, seq, payload */
    uint8_t wire[TK_PROTO_MAX_WIRE];  /* the same frame on the line */
    uint16_t wire_len;
} tk_vector;

/* Loads every vector into v (at most TK_VECTORS_MAX); fails the test on a
   malformed file. Returns how many were read. */
int tk_vectors_load(tk_vector *v);
/* The vector called name; fails the test when there is none. */
const tk_vector *tk_vector_named(const tk_vector *v, int n, const char *name);

#endif
