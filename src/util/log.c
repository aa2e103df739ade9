/* log.c - leveled messages to stderr; stdout is reserved for results. */
#include <stdio.h>
#include "schoolrun/util.h"
#include "util/i18n.h"

static int g_level = SR_LOG_WARN;

void sr_log_set_level(int level)
{
	g_level = level;
}

int sr_log_level(void)
{
	return g_level;
}

void sr_log(int level, const char *fmt, ...)
{
	static const char *names[] = {"", N_("error"), N_("warning"), N_("info"), "debug"};
	if (level > g_level)
		return;
	va_list ap;
	va_start(ap, fmt);
	const char *name = names[level < 0 ? 0 : level > 4 ? 4 : level];
	fprintf(stderr, "schoolrun: %s: ", name[0] ? _(name) : name);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}
