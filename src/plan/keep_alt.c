/*
 * keep_alt.c - a re-plan's alternative (issue 10): the objective of
 * `--keep` is the fewest children whose time or bus changes, then buses,
 * so keeping the earlier runs sometimes takes a bus more than the day
 * needs. Per day pattern the duties the ordinary chaining of all runs gave
 * (duties.c and week.c, before keep.c put the kept runs back) are kept
 * aside; when they need fewer buses than the kept plan, what they would
 * change is counted the way the plan's changes are (changes.c), and
 * summary.txt and plan.json offer the trade. With keep_priority = buses
 * the pattern takes the chaining's duties instead. Offering the
 * lexicographic runner-up rather than only the optimum follows the
 * bi-objective view of disruption management (Clausen, Larsen, Larsen &
 * Rezanova, "Disruption management in the airline industry", Computers
 * & OR 2010: the controller chooses among recovery options by what each
 * costs in changes).
 */
#include <stdlib.h>
#include <string.h>
#include "plan/keep_alt.h"
#include "plan/run.h"
#include "util/i18n.h"

int plan_keep_alt(plan_ctx_t *c, plan_pattern_t *pat, plan_pattern_t *chained)
{
	sr_plan_t *p = c->p;
	if (!c->keep || p->n_locks || !chained->runs || chained->n_duties >= pat->n_duties)
		return 0;
	p->alts = xreallocarray(p->alts, (size_t)p->n_alts + 1, sizeof(plan_alt_t));
	plan_alt_t *a = &p->alts[p->n_alts++];
	a->days = pat->days;
	a->saved = pat->n_duties - chained->n_duties;
	a->children = 0; /* changes.c counts them */
	char lab[64];
	sr_info(_("plan: days %s: the earlier runs kept take %d buses, chained anew %d%s"),
		plan_days_said(pat->days, lab, sizeof lab), pat->n_duties, chained->n_duties,
		strcmp(p->settings.keep_priority, "buses") ? ""
							   : _(" (taken: keep_priority = buses)"));
	if (strcmp(p->settings.keep_priority, "buses"))
		return 1;
	plan_pattern_clear(pat);
	*pat = *chained;
	plan_pattern_copy(chained, pat);
	return 2;
}
