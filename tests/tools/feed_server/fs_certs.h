/*
 * fs_certs.h - the feed server's test PKI, made fresh at every start with
 * mbedTLS: a CA, a good server certificate for 127.0.0.1 and localhost,
 * and three bad ones (wrong host name, expired, self-signed). ECDSA P-256,
 * so that making them all takes milliseconds.
 */
#ifndef FS_CERTS_H
#define FS_CERTS_H

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

/* What a listener presents: its certificate chain and private key. */
typedef struct fs_identity {
    mbedtls_x509_crt chain;     /* leaf first, then the CA when CA-signed */
    mbedtls_pk_context key;
} fs_identity;

typedef enum fs_cert_kind {
    FS_CERT_GOOD,           /* CA-signed, SAN IP:127.0.0.1, DNS:localhost */
    FS_CERT_WRONGHOST,      /* CA-signed, SAN DNS:wrong.example only */
    FS_CERT_EXPIRED,        /* CA-signed, right names, notAfter yesterday */
    FS_CERT_SELFSIGNED,     /* right names, signed by its own key, not the CA */
    FS_CERT_COUNT
} fs_cert_kind;

typedef struct fs_pki {
    mbedtls_pk_context ca_key;
    char ca_pem[2048];              /* the CA certificate, PEM */
    fs_identity id[FS_CERT_COUNT];
} fs_pki;

/* Makes pki empty, ready for fs_pki_make and safe for fs_pki_free. */
void fs_pki_init(fs_pki *pki);
/*
 * Makes the CA and every certificate, and writes them (ca.pem, ca-key.pem,
 * NAME.pem, NAME-key.pem for good, wronghost, expired, selfsigned) into
 * dir, and the CA certificate also to ca_out when not NULL. 0, or -1 with
 * a message on stderr. Free with fs_pki_free, even after a failure.
 * pki must have been through fs_pki_init.
 */
int fs_pki_make(fs_pki *pki, mbedtls_ctr_drbg_context *drbg, const char *dir, const char *ca_out);
void fs_pki_free(fs_pki *pki);

/* The short name of a kind: "good", "wronghost", "expired", "selfsigned". */
const char *fs_cert_name(fs_cert_kind kind);

#endif
