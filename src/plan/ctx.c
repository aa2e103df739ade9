/*
 * ctx.c - the working state of one plan_build() call: the unserved list,
 * the warnings and freeing (see ctx.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "plan/ctx.h"
#include "plan/run.h"
#include "util/i18n.h"

void plan_add_unserved(sr_plan_t *p, long rider_line, int pickup, int session, int dir,
		       int children, uint8_t days, const char *code, const char *reason)
{
	p->unserved =
		xreallocarray(p->unserved, (size_t)p->n_unserved + 1, sizeof(plan_unserved_t));
	plan_unserved_t *u = &p->unserved[p->n_unserved++];
	u->rider_line = rider_line;
	u->pickup = pickup;
	u->session = session;
	u->dir = dir;
	u->children = children;
	u->days = days;
	u->reason = xstrdup(reason);
	u->reason_code = xstrdup(code);
}

/* Formats "days Mon,Wed: " (when days) and fmt into msg: in English, or
 * with said in the terminal's language (the lead-in, the day names and fmt
 * translated). */
static void warn_text(char *msg, size_t size, uint8_t days, int said, const char *fmt, va_list ap)
{
	char dl[64];
	size_t k0 = 0;
	if (days && said) /* the day pattern leads the message: "days Mon,Wed: ..." */
		k0 = (size_t)snprintf(msg, size, _("days %s: "),
				      plan_days_said(days, dl, sizeof dl));
	else if (days)
		k0 = (size_t)snprintf(msg, size, "days %s: ", plan_days_label(days, dl, sizeof dl));
	vsnprintf(msg + k0, size - k0, said ? _(fmt) : fmt, ap);
}

void plan_warn(sr_plan_t *p, const char *code, uint8_t days, const char *const *args, int n_args,
	       const char *fmt, ...)
{
	/* plan.json keeps the English message; the terminal gets the user's
	 * language (fmt is a msgid: xgettext takes plan_warn's 6th argument) */
	char msg[1024], said[1024];
	va_list ap;
	va_start(ap, fmt);
	warn_text(msg, sizeof msg, days, 0, fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	warn_text(said, sizeof said, days, 1, fmt, ap);
	va_end(ap);
	sr_warn(_("plan: %s"), said);
	p->warnings = xreallocarray(p->warnings, (size_t)p->n_warnings + 1, sizeof(plan_warning_t));
	plan_warning_t *w = &p->warnings[p->n_warnings++];
	memset(w, 0, sizeof(*w));
	w->code = xstrdup(code);
	w->message = xstrdup(msg);
	w->days = days;
	for (int k = 0; k < n_args && k < 5; k++)
		w->args[w->n_args++] = xstrdup(args[k]);
}

void plan_warnings_drop(sr_plan_t *p, int from)
{
	for (int w = from; w < p->n_warnings; w++) {
		free(p->warnings[w].code);
		free(p->warnings[w].message);
		for (int a = 0; a < p->warnings[w].n_args; a++)
			free(p->warnings[w].args[a]);
	}
	if (from < p->n_warnings)
		p->n_warnings = from;
}

void plan_ctx_clear(plan_ctx_t *c)
{
	for (int i = 0; i < c->n_tmpl; i++)
		plan_run_clear(&c->tmpl[i]);
	free(c->tmpl);
	for (int i = 0; i < c->n_mix; i++)
		plan_run_clear(&c->mix[i]);
	free(c->mix);
	free(c->mix_of);
	free(c->mix_rest);
	free(c->snaps);
	free(c->on_road);
	free(c->sec);
	free(c->met);
	free(c->cb);
	free(c->bus_of);
	chain_bases_free(c->bases);
	memset(c, 0, sizeof(*c));
}
