/*
 * sha256.h - SHA-256 digests (Nettle underneath) as 64 lowercase hex digits
 * plus NUL; private to the library.
 */
#ifndef SR_UTIL_SHA256_H
#define SR_UTIL_SHA256_H

#include <stddef.h>
#include "schoolrun/util.h"

/* Digest of len bytes at data. */
void sr_sha256_hex(const void *data, size_t len, char out[65]);

/* Digest of a whole file; SR_EIO naming the path when it cannot be read. */
int sr_sha256_file(const char *path, char out[65], sr_error_t *err);

#endif
