/*
 * i18n.c - chooses the language of schoolrun's errors and warnings (GNU
 * gettext; see util/i18n.h) and where its catalogue lies.
 *
 * The language follows the locale environment as in every gettext program:
 * LANGUAGE, then LC_ALL, LC_MESSAGES, LANG. Only LC_MESSAGES and LC_CTYPE
 * are taken from it; every other category stays "C" (numbers are read and
 * printed with '.', names compared byte for byte), so the outputs are the
 * same bytes whatever the locale.
 *
 * A coordinator's machine may lack the ru_RU locale (Debian containers have
 * only C.UTF-8): when the locale named in the environment cannot be loaded,
 * or only LANGUAGE names a language, messages fall back to C.UTF-8 with
 * LANGUAGE set to that language (glibc's gettext honours LANGUAGE under any
 * locale but "C"). An explicit C or POSIX keeps English, as gettext does.
 *
 * The catalogue (schoolrun.mo) is looked for next to the running binary
 * (the build tree: build/locale), then in ../share/locale relative to it
 * (an installed, moved prefix), then in the configured install path.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "schoolrun/util.h"
#include "util/i18n.h"

#ifndef SR_LOCALEDIR
#define SR_LOCALEDIR "/usr/local/share/locale"
#endif
#ifndef SR_LOCALEDIR_FROM_BIN
#define SR_LOCALEDIR_FROM_BIN "../share/locale"
#endif

/* The value of the first of the environment variables that is set and not
 * empty, or NULL. */
static const char *first_env(const char *const *names, int n)
{
	for (int i = 0; i < n; i++) {
		const char *v = getenv(names[i]);
		if (v && v[0])
			return v;
	}
	return NULL;
}

static int is_c_locale(const char *v)
{
	return !strcmp(v, "C") || !strcmp(v, "POSIX");
}

/* Whether dir holds a schoolrun catalogue (any language). */
static int has_catalogue(const char *dir)
{
	char p[2 * PATH_MAX];
	snprintf(p, sizeof p, "%s/ru/LC_MESSAGES/" SR_TEXTDOMAIN ".mo", dir);
	return access(p, R_OK) == 0;
}

/* The folder of the catalogues: next to the binary, relative to it, or the
 * configured one (see the file's comment). */
static void locale_dir(char *out, size_t size)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	snprintf(out, size, "%s", SR_LOCALEDIR);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	char cand[PATH_MAX + 64];
	snprintf(cand, sizeof cand, "%s/locale", exe);
	if (!has_catalogue(cand))
		snprintf(cand, sizeof cand, "%s/%s", exe, SR_LOCALEDIR_FROM_BIN);
	if (has_catalogue(cand))
		snprintf(out, size, "%s", cand);
}

/* Sets LANGUAGE to the language part of a locale name ("ru_RU.UTF-8@x" ->
 * "ru_RU"; gettext itself tries "ru" next) unless LANGUAGE is set. */
static void language_from(const char *loc)
{
	const char *l = getenv("LANGUAGE");
	if (l && l[0])
		return;
	char lang[64];
	snprintf(lang, sizeof lang, "%.*s", (int)strcspn(loc, ".@"), loc);
	setenv("LANGUAGE", lang, 1);
}

void sr_i18n_init(void)
{
	static const char *const posix[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *want = first_env(posix, 3);
	const char *language = getenv("LANGUAGE");
	const char *got = setlocale(LC_MESSAGES, "");
	const char *ctype = setlocale(LC_CTYPE, "");
	int english = want && is_c_locale(want);
	if (!english && (!got || is_c_locale(got)) && (want || (language && language[0]))) {
		/* the locale named is not installed, or only LANGUAGE names one */
		if (setlocale(LC_MESSAGES, "C.UTF-8")) {
			if (!ctype || is_c_locale(ctype))
				setlocale(LC_CTYPE, "C.UTF-8");
			language_from(want ? want : language);
		}
	}
	char dir[PATH_MAX + 64];
	locale_dir(dir, sizeof dir);
	bindtextdomain(SR_TEXTDOMAIN, dir);
	/* names and file names in the messages are UTF-8 whatever LC_CTYPE says */
	bind_textdomain_codeset(SR_TEXTDOMAIN, "UTF-8");
}
