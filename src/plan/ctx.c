/*
 * ctx.c - the working state of one plan_build() call: the unserved list
 * and freeing (see ctx.h).
 */
#include <stdlib.h>
#include <string.h>
#include "plan/ctx.h"
#include "plan/run.h"

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

void plan_ctx_clear(plan_ctx_t *c)
{
	for (int i = 0; i < c->n_tmpl; i++)
		plan_run_clear(&c->tmpl[i]);
	free(c->tmpl);
	for (int i = 0; i < c->n_mix; i++)
		plan_run_clear(&c->mix[i]);
	free(c->mix);
	free(c->mix_pair);
	free(c->snaps);
	free(c->on_road);
	free(c->sec);
	free(c->met);
	free(c->cb);
	free(c->bus_of);
	memset(c, 0, sizeof(*c));
}
