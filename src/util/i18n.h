/*
 * i18n.h - errors and warnings in the user's language, through GNU gettext
 * (glibc's libintl): the English text stays in the source as the msgid and
 * the catalogue src/po/ru.po gives the Russian one (xgettext extracts the
 * marked strings, msgfmt compiles the catalogue; CMakeLists.txt).
 *
 * The library asks its own text domain (dgettext), so a program that links
 * libschoolrun.a and never calls sr_i18n_init() gets the English messages.
 * Mark a message with _() where it is formatted, N_() where a constant is
 * looked up later with _(), and _n() where it has a count (plural forms).
 * plan_warn's format (argument 6) is extracted too and translated inside.
 * Only what reaches the terminal is translated: plan.json's `message` and
 * `reason` fields and the printed pages (src/output/messages.c, `lang`) are
 * not.
 */
#ifndef SR_UTIL_I18N_H
#define SR_UTIL_I18N_H

#include <libintl.h>

#define SR_TEXTDOMAIN "schoolrun"
#define _(s) dgettext(SR_TEXTDOMAIN, s)
#define N_(s) (s)
#define _n(s, p, n) dngettext(SR_TEXTDOMAIN, s, p, n)

#endif
