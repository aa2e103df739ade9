/*
 * sha256.c - SHA-256 digests of input files, so that plan.json records
 * exactly which sessions, riders, fleet and map a plan was made from. The
 * hash itself is Nettle's (Debian nettle-dev); this file only feeds it a
 * file and writes the digest as hex.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <nettle/sha2.h>
#include "util/sha256.h"
#include "util/i18n.h"

static void to_hex(const uint8_t d[SHA256_DIGEST_SIZE], char out[65])
{
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < SHA256_DIGEST_SIZE; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[64] = '\0';
}

void sr_sha256_hex(const void *data, size_t len, char out[65])
{
	struct sha256_ctx c;
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_init(&c);
	sha256_update(&c, len, data);
	sha256_digest(&c, sizeof d, d);
	to_hex(d, out);
}

int sr_sha256_file(const char *path, char out[65], sr_error_t *err)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return sr_error_set(err, SR_EIO, path, 0, _("cannot open: %s"), strerror(errno));
	struct sha256_ctx c;
	sha256_init(&c);
	unsigned char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sha256_update(&c, n, buf);
	int bad = ferror(fp);
	fclose(fp);
	if (bad)
		return sr_error_set(err, SR_EIO, path, 0, _("read error"));
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&c, sizeof d, d);
	to_hex(d, out);
	return SR_OK;
}
