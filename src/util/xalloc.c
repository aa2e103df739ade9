/* xalloc.c - the allocator facade (after Redis' zmalloc): every allocation
 * either succeeds or aborts the process with a message, so callers need no
 * NULL checks; array sizes are checked for multiplication overflow. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schoolrun/util.h"

static void oom(size_t size)
{
	fprintf(stderr, "schoolrun: out of memory allocating %zu bytes\n", size);
	abort();
}

void *xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom(n * size);
	return p;
}

void *xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		oom(size);
	return p;
}

void *xreallocarray(void *ptr, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size) {
		fprintf(stderr, "schoolrun: array size overflow (%zu x %zu)\n", n, size);
		abort();
	}
	return xrealloc(ptr, n * size);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sr_grow(void *arr_ptr, size_t *cap, size_t need, size_t elem)
{
	void **arr = (void **)arr_ptr;
	if (need <= *cap)
		return;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2)
			oom(SIZE_MAX);
		c *= 2;
	}
	*arr = xreallocarray(*arr, c, elem);
	*cap = c;
}
