/* fs_certs.c - see fs_certs.h. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ecp.h>
#include <mbedtls/error.h>
#include <mbedtls/oid.h>
#include <mbedtls/x509_crt.h>

#include "fs_certs.h"

#define CA_NAME "CN=ledticker test CA,O=ledticker tests"
#define DAY (24L * 3600L)

static const char *const kind_names[FS_CERT_COUNT] = { "good", "wronghost", "expired", "selfsigned" };

const char *fs_cert_name(fs_cert_kind kind)
{
    return kind_names[kind];
}

static int report(const char *what, int rc)
{
    char msg[128];
    mbedtls_strerror(rc, msg, sizeof msg);
    fprintf(stderr, "feed-server: %s: %s\n", what, msg);
    return -1;
}

static int gen_key(mbedtls_pk_context *key, mbedtls_ctr_drbg_context *drbg)
{
    int rc = mbedtls_pk_setup(key, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY));
    if (!rc)
        rc = mbedtls_ecp_gen_key(MBEDTLS_ECP_DP_SECP256R1, mbedtls_pk_ec(*key),
                                 mbedtls_ctr_drbg_random, drbg);
    return rc ? report("key generation", rc) : 0;
}

/* now + offset as X.509 wants it in mbedTLS: "YYYYMMDDhhmmss", UTC. */
static void x509_time(char out[16], long offset)
{
    time_t t = time(NULL) + offset;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 16, "%Y%m%d%H%M%S", &tm);
}

/*
 * The DER of a subjectAltName: IP 127.0.0.1 when with_ip, and DNS dns.
 * Every length is short, so each fits one length byte. Returns its size.
 */
static size_t san_der(unsigned char *out, int with_ip, const char *dns)
{
    static const unsigned char loopback[4] = { 127, 0, 0, 1 };
    size_t n = 2, dl = strlen(dns);
    if (with_ip) {
        out[n++] = 0x87;        /* [7] iPAddress */
        out[n++] = 4;
        memcpy(out + n, loopback, 4);
        n += 4;
    }
    out[n++] = 0x82;            /* [2] dNSName */
    out[n++] = (unsigned char)dl;
    memcpy(out + n, dns, dl);
    n += dl;
    out[0] = 0x30;              /* SEQUENCE */
    out[1] = (unsigned char)(n - 2);
    return n;
}

/* What one certificate says; issuer NULL makes it self-signed. */
typedef struct cert_spec {
    const char *subject;
    const char *issuer;
    mbedtls_pk_context *subject_key, *issuer_key;
    int serial;
    long not_before, not_after;     /* seconds from now */
    int is_ca;
    const char *dns;                /* NULL for none (the CA) */
    int with_ip;
} cert_spec;

static int issue(const cert_spec *s, mbedtls_ctr_drbg_context *drbg, char *pem, size_t cap)
{
    mbedtls_x509write_cert crt;
    mbedtls_mpi serial;
    char nb[16], na[16];
    unsigned char san[128];
    int rc;

    mbedtls_x509write_crt_init(&crt);
    mbedtls_mpi_init(&serial);
    x509_time(nb, s->not_before);
    x509_time(na, s->not_after);
    mbedtls_x509write_crt_set_version(&crt, MBEDTLS_X509_CRT_VERSION_3);
    mbedtls_x509write_crt_set_md_alg(&crt, MBEDTLS_MD_SHA256);
    mbedtls_x509write_crt_set_subject_key(&crt, s->subject_key);
    mbedtls_x509write_crt_set_issuer_key(&crt, s->issuer ? s->issuer_key : s->subject_key);
    rc = mbedtls_x509write_crt_set_subject_name(&crt, s->subject);
    if (!rc)
        rc = mbedtls_x509write_crt_set_issuer_name(&crt, s->issuer ? s->issuer : s->subject);
    if (!rc)
        rc = mbedtls_mpi_lset(&serial, s->serial);
    if (!rc)
        rc = mbedtls_x509write_crt_set_serial(&crt, &serial);
    if (!rc)
        rc = mbedtls_x509write_crt_set_validity(&crt, nb, na);
    if (!rc)
        rc = mbedtls_x509write_crt_set_basic_constraints(&crt, s->is_ca, -1);
    if (!rc)
        rc = mbedtls_x509write_crt_set_subject_key_identifier(&crt);
    if (!rc)
        rc = mbedtls_x509write_crt_set_authority_key_identifier(&crt);
    if (!rc)
        rc = mbedtls_x509write_crt_set_key_usage(&crt, s->is_ca
                 ? MBEDTLS_X509_KU_KEY_CERT_SIGN | MBEDTLS_X509_KU_CRL_SIGN
                 : MBEDTLS_X509_KU_DIGITAL_SIGNATURE);
    if (!rc && s->dns) {
        size_t n = san_der(san, s->with_ip, s->dns);
        rc = mbedtls_x509write_crt_set_extension(&crt, MBEDTLS_OID_SUBJECT_ALT_NAME,
                                                 MBEDTLS_OID_SIZE(MBEDTLS_OID_SUBJECT_ALT_NAME),
                                                 0, san, n);
    }
    if (!rc)
        rc = mbedtls_x509write_crt_pem(&crt, (unsigned char *)pem, cap, mbedtls_ctr_drbg_random, drbg);
    mbedtls_x509write_crt_free(&crt);
    mbedtls_mpi_free(&serial);
    return rc ? report(s->subject, rc) : 0;
}

static int write_path(const char *path, const char *text, int mode)
{
    size_t len = strlen(text);
    int fd, ok;
    fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0) {
        perror(path);
        return -1;
    }
    ok = write(fd, text, len) == (ssize_t)len;
    if (close(fd) != 0 || !ok) {
        perror(path);
        return -1;
    }
    return 0;
}

static int write_file(const char *dir, const char *name, const char *suffix, const char *text,
                      int mode)
{
    char path[4096];
    if (snprintf(path, sizeof path, "%s/%s%s", dir, name, suffix) >= (int)sizeof path) {
        fprintf(stderr, "feed-server: path too long in %s\n", dir);
        return -1;
    }
    return write_path(path, text, mode);
}

static int write_key(const char *dir, const char *name, mbedtls_pk_context *key)
{
    char pem[1024];
    int rc = mbedtls_pk_write_key_pem(key, (unsigned char *)pem, sizeof pem);
    if (rc)
        return report("writing a key", rc);
    return write_file(dir, name, "-key.pem", pem, 0600);
}

static int make_identity(fs_pki *pki, fs_cert_kind kind, mbedtls_ctr_drbg_context *drbg,
                         const char *dir)
{
    fs_identity *id = &pki->id[kind];
    char pem[2048];
    cert_spec s;
    int rc;

    if (gen_key(&id->key, drbg))
        return -1;
    memset(&s, 0, sizeof s);
    s.subject = kind == FS_CERT_WRONGHOST ? "CN=wrong.example,O=ledticker tests"
                                          : "CN=localhost,O=ledticker tests";
    s.issuer = kind == FS_CERT_SELFSIGNED ? NULL : CA_NAME;
    s.subject_key = &id->key;
    s.issuer_key = &pki->ca_key;
    s.serial = 2 + (int)kind;
    s.not_before = kind == FS_CERT_EXPIRED ? -30 * DAY : -DAY;
    s.not_after = kind == FS_CERT_EXPIRED ? -DAY : 365 * DAY;
    s.dns = kind == FS_CERT_WRONGHOST ? "wrong.example" : "localhost";
    s.with_ip = kind != FS_CERT_WRONGHOST;
    if (issue(&s, drbg, pem, sizeof pem))
        return -1;
    rc = mbedtls_x509_crt_parse(&id->chain, (const unsigned char *)pem, strlen(pem) + 1);
    if (!rc && s.issuer)
        rc = mbedtls_x509_crt_parse(&id->chain, (const unsigned char *)pki->ca_pem,
                                    strlen(pki->ca_pem) + 1);
    if (rc)
        return report("parsing a generated certificate", rc);
    if (write_file(dir, fs_cert_name(kind), ".pem", pem, 0644))
        return -1;
    return write_key(dir, fs_cert_name(kind), &id->key);
}

void fs_pki_init(fs_pki *pki)
{
    int k;
    mbedtls_pk_init(&pki->ca_key);
    for (k = 0; k < FS_CERT_COUNT; k++) {
        mbedtls_x509_crt_init(&pki->id[k].chain);
        mbedtls_pk_init(&pki->id[k].key);
    }
}

int fs_pki_make(fs_pki *pki, mbedtls_ctr_drbg_context *drbg, const char *dir, const char *ca_out)
{
    cert_spec ca;
    int k;

    if (gen_key(&pki->ca_key, drbg))
        return -1;
    memset(&ca, 0, sizeof ca);
    ca.subject = CA_NAME;
    ca.subject_key = &pki->ca_key;
    ca.serial = 1;
    ca.not_before = -DAY;
    ca.not_after = 3650 * DAY;
    ca.is_ca = 1;
    if (issue(&ca, drbg, pki->ca_pem, sizeof pki->ca_pem))
        return -1;
    if (write_file(dir, "ca", ".pem", pki->ca_pem, 0644) || write_key(dir, "ca", &pki->ca_key))
        return -1;
    if (ca_out && write_path(ca_out, pki->ca_pem, 0644))
        return -1;
    for (k = 0; k < FS_CERT_COUNT; k++)
        if (make_identity(pki, (fs_cert_kind)k, drbg, dir))
            return -1;
    return 0;
}

void fs_pki_free(fs_pki *pki)
{
    int k;
    mbedtls_pk_free(&pki->ca_key);
    for (k = 0; k < FS_CERT_COUNT; k++) {
        mbedtls_x509_crt_free(&pki->id[k].chain);
        mbedtls_pk_free(&pki->id[k].key);
    }
}
