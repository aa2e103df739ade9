/* xml_error.c - libxml2's first error on a reader, kept for the message
 * (xml_error.h). */
#include <stdio.h>
#include <string.h>
#include "io/xml_error.h"

#if LIBXML_VERSION >= 21200
void io_xml_on_error(void *ctx, const xmlError *e)
#else
void io_xml_on_error(void *ctx, xmlErrorPtr e)
#endif
{
	io_xml_error_t *x = ctx;
	if (!e || e->level < XML_ERR_ERROR || x->failed)
		return;
	x->failed = 1;
	x->line = e->line;
	snprintf(x->msg, sizeof(x->msg), "%s%s", x->prefix ? x->prefix : "",
		 e->message ? e->message : "parse error");
	size_t n = strlen(x->msg);
	while (n > 0 && (x->msg[n - 1] == '\n' || x->msg[n - 1] == ' '))
		x->msg[--n] = '\0';
}
