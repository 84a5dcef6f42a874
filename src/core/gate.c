/*
 * gate.c: the one rule set of every gate (gate.h, docs/DESIGN.md,
 * section 8).
 *
 * The date rules are lint's (lint.c, check_dates), run against the
 * published revision the caller found. What an update adds to lint.ignore
 * is found here: the entries of the profile that the published revision
 * does not have. When there are any, the profile is linted a second time
 * with the published entries alone, and the errors that second lint finds
 * and the first does not (matched by rule and by what they are about, as
 * review matches findings) are the ones the new entries silence: each
 * becomes a suppression-added finding at the entry that silences it. The
 * second lint costs nothing for an update that adds no entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/gate.h"

static bool same_str(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_ignore(const pd_ignore *a, const pd_ignore *b)
{
	return same_str(a->rule, b->rule) &&
	       pd_footnote_set_equal(a->footnotes, a->nfootnotes, b->footnotes,
				     b->nfootnotes) &&
	       same_str(a->text, b->text);
}

/* Was entry `ig` in the published revision? */
static bool published_has(const pd_profile *pub, const pd_ignore *ig)
{
	size_t i;

	for (i = 0; pub && i < pub->nignores; i++)
		if (same_ignore(&pub->ignores[i], ig))
			return true;
	return false;
}

/* The added entry that silences finding `f`: of its rule, and holding its
 * footnote when the entry names footnotes; the first such. */
static const pd_ignore *silencer(const pd_profile *p, const bool *added,
				 const pd_finding *f)
{
	const char *name = pd_rule_get(f->rule)->name;
	size_t i;

	for (i = 0; i < p->nignores; i++)
		if (added[i] && strcmp(p->ignores[i].rule, name) == 0 &&
		    (!p->ignores[i].nfootnotes ||
		     pd_footnote_set_has(p->ignores[i].footnotes,
					 p->ignores[i].nfootnotes,
					 f->footnote)))
			return &p->ignores[i];
	return NULL;
}

/* Adds the `n` findings of `add` to r, which stays ordered by position. */
static int merge(pd_lint_result *r, const pd_finding *add, size_t n)
{
	size_t total = r->nfindings + n, i;
	pd_finding *v = pd_arena_alloc(r->arena, (total + 1) * sizeof(*v));
	int err;

	if (!v)
		return PD_ENOMEM;
	if (r->nfindings)
		memcpy(v, r->findings, r->nfindings * sizeof(*v));
	if (n)
		memcpy(v + r->nfindings, add, n * sizeof(*v));
	if ((err = pd_lint_sort_findings(v, total)) < 0)
		return err;
	for (i = 0; i < n; i++)
		r->count[add[i].severity]++;
	r->findings = v;
	r->nfindings = total;
	return 0;
}

/* The suppression-added findings of `p`, linted as `r`, into r. */
static int check_suppressions(pd_lint_result *r, const pd_profile *p,
			      const pd_profile *pub, const pd_lint_options *o)
{
	pd_severity sev = pd_lint_severity(o, PD_RULE_SUPPRESSION_ADDED);
	pd_profile bare;
	pd_ignore *kept;
	bool *added;
	pd_lint_result *r0 = NULL;
	pd_arena *scratch = NULL;
	pd_lint_delta d;
	pd_finding *v = NULL;
	size_t i, nkept = 0, nadded = 0, nv = 0;
	int err = 0;

	if (sev == PD_SEV_OFF || !p->nignores)
		return 0;
	kept = calloc(p->nignores + 1, sizeof(*kept));
	added = calloc(p->nignores + 1, sizeof(*added));
	if (!kept || !added) {
		err = PD_ENOMEM;
		goto done;
	}
	for (i = 0; i < p->nignores; i++) {
		if (published_has(pub, &p->ignores[i]))
			kept[nkept++] = p->ignores[i];
		else
			added[i] = true, nadded++;
	}
	if (!nadded)
		goto done;
	/* the same profile with the published entries alone */
	bare = *p;
	bare.ignores = kept;
	bare.nignores = nkept;
	if ((err = pd_lint(&r0, &bare, o)) < 0)
		goto done;
	if (!(scratch = pd_arena_new())) {
		err = PD_ENOMEM;
		goto done;
	}
	if ((err = pd_lint_compare(scratch, r, r0, &d)) < 0)
		goto done;
	if (!(v = calloc(d.nintroduced + 1, sizeof(*v)))) {
		err = PD_ENOMEM;
		goto done;
	}
	for (i = 0; i < d.nintroduced; i++) {
		const pd_finding *f = d.introduced[i];
		const pd_ignore *ig;
		char msg[1400];

		if (f->severity != PD_SEV_ERROR ||
		    !(ig = silencer(p, added, f)))
			continue;
		snprintf(msg, sizeof(msg),
			 "the lint.ignore entry for %s added since the "
			 "published revision silences an error: %s",
			 ig->rule, f->message);
		v[nv].rule = PD_RULE_SUPPRESSION_ADDED;
		v[nv].severity = sev;
		v[nv].pos = ig->pos;
		v[nv].footnote = f->footnote;
		v[nv].count = 1;
		v[nv].about = f->about;
		v[nv].text = f->text ? pd_arena_strdup(r->arena, f->text) : NULL;
		v[nv].message = pd_arena_strdup(r->arena, msg);
		if ((f->text && !v[nv].text) || !v[nv].message) {
			err = PD_ENOMEM;
			goto done;
		}
		nv++;
	}
	if (nv)
		err = merge(r, v, nv);
done:
	free(v);
	pd_arena_free(scratch);
	pd_lint_result_free(r0);
	free(added);
	free(kept);
	return err;
}

int pd_gate_check(pd_lint_result **out, const pd_profile *p,
		  const pd_error *broken, const pd_gate_facts *facts,
		  const pd_lint_options *opts)
{
	static const pd_lint_options defaults = PD_LINT_OPTIONS_INIT;
	pd_lint_options o = opts ? *opts : defaults;
	const pd_profile *pub = facts ? facts->published : NULL;
	int err;

	*out = NULL;
	if (broken)
		return pd_lint_schema(out, broken, &o);
	if (!p)
		return 0; /* nothing to check: no findings */
	/* the very profile published (the parse cache gives one profile a
	 * blob): nothing changed, no date to compare, no diff to make */
	o.previous = pub == p ? NULL : pub;
	if ((err = pd_lint(out, p, &o)) < 0)
		return err;
	if ((err = check_suppressions(*out, p, pub, &o)) < 0) {
		pd_lint_result_free(*out);
		*out = NULL;
	}
	return err;
}

bool pd_gate_refuses(const pd_lint_result *r)
{
	return r && r->count[PD_SEV_ERROR] > 0;
}
