/*
 * app_render.c: a profile rendered as a document of its own: the
 * publication's page, or Markdown (app.h).
 *
 * The page is checked by reading it back: the rendered text is imported
 * (page_import.c) and what comes back is compared with the profile. The
 * country, the date, the sections and the footnotes must come back as
 * they are; what does not (a heading the importer would take for prose),
 * and each law and treaty of the profile that the page does not carry as
 * the profile has it (the page has prose: laws and treaties come back as
 * import extracts them), is named to the report callback.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "profdiff/app.h"
#include "profdiff/renumber.h"
#include "profdiff/yaml.h"

static void say(const pd_app_render_options *o, const char *file, pd_pos pos,
		const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void say(const pd_app_render_options *o, const char *file, pd_pos pos,
		const char *fmt, ...)
{
	pd_error e;
	va_list ap;

	if (!o->report)
		return;
	memset(&e, 0, sizeof(e));
	e.code = PD_OK;
	snprintf(e.file, sizeof(e.file), "%s", file ? file : "");
	e.pos = pos;
	va_start(ap, fmt);
	vsnprintf(e.message, sizeof(e.message), fmt, ap);
	va_end(ap);
	o->report(o->ctx, &e);
}

static bool same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static bool same_cites(const uint32_t *a, size_t na, const uint32_t *b,
		       size_t nb)
{
	return na == nb && (!na || memcmp(a, b, na * sizeof(*a)) == 0);
}

/* Sections: the first difference of each, named. */
static void check_sections(const pd_app_render_options *o, const char *file,
			   const pd_section *a, size_t na, const pd_section *b,
			   size_t nb)
{
	size_t i, k;

	for (i = 0; i < na; i++) {
		const pd_section *x = &a[i], *y = i < nb ? &b[i] : NULL;
		bool ok = y && same(x->title, y->title) &&
			  same(x->subtitle, y->subtitle) &&
			  x->nparagraphs == y->nparagraphs &&
			  x->nsections == y->nsections;

		for (k = 0; ok && k < x->nparagraphs; k++)
			ok = x->paragraphs[k].len == y->paragraphs[k].len &&
			     memcmp(x->paragraphs[k].text,
				    y->paragraphs[k].text,
				    x->paragraphs[k].len) == 0;
		if (!ok) {
			say(o, file, x->pos,
			    "section '%s': the page does not give it back as "
			    "it is (its heading, subtitle or paragraphs read "
			    "otherwise)",
			    x->title);
			return; /* what follows is shifted */
		}
		check_sections(o, file, x->sections, x->nsections, y->sections,
			       y->nsections);
	}
	if (nb > na)
		say(o, file, b[na].pos,
		    "the page reads as a section more: '%s'", b[na].title);
}

static const pd_law *find_law(const pd_profile *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->nlaws; i++)
		if (strcmp(p->laws[i].name, name) == 0)
			return &p->laws[i];
	return NULL;
}

static const pd_treaty *find_treaty(const pd_profile *p, const char *id)
{
	size_t i;

	for (i = 0; i < p->ntreaties; i++)
		if (strcmp(p->treaties[i].id, id) == 0)
			return &p->treaties[i];
	return NULL;
}

/* What the page does not carry of `p`, read back as `q`. */
static void check_page(const pd_app_render_options *o, const char *file,
		       const pd_profile *p, const pd_profile *q)
{
	size_t i;

	if (!p->last_updated.year)
		say(o, file, p->country_pos,
		    "country '%s': a page without a date has no title block; "
		    "import takes the country from --country or the file name",
		    p->country);
	else if (!same(p->country, q->country))
		say(o, file, p->country_pos,
		    "country '%s': the page does not give it back", p->country);
	if (pd_date_cmp(p->last_updated, q->last_updated) != 0)
		say(o, file, p->last_updated_pos,
		    "last_updated: the page does not give it back");
	check_sections(o, file, p->sections, p->nsections, q->sections,
		       q->nsections);
	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *f = &p->footnotes[i];
		const pd_footnote *g = pd_profile_footnote(q, f->number);

		if (!g || g->len != f->len || memcmp(g->text, f->text, f->len)) {
			say(o, file, f->number_pos,
			    "footnote %u: the page does not give it back as it "
			    "is",
			    (unsigned)f->number);
			break;
		}
	}
	for (i = 0; i < p->nlaws; i++) {
		const pd_law *l = &p->laws[i];
		const pd_law *m = find_law(q, l->name);
		char date[11];

		if (m && same(l->short_name, m->short_name) &&
		    l->naka == m->naka && l->year == m->year &&
		    l->type == m->type && l->status == m->status &&
		    pd_date_cmp(l->date, m->date) == 0 &&
		    same(l->replaced_by, m->replaced_by) &&
		    same_cites(l->cite, l->ncite, m->cite, m->ncite))
			continue;
		pd_date_format(l->date, date);
		say(o, file, l->pos,
		    "law '%s' (%s, %s%s%s): %s", l->name,
		    pd_law_type_name(l->type), pd_law_status_name(l->status),
		    l->date.year ? " " : "", l->date.year ? date : "",
		    m ? "the page carries it otherwise (as import extracts "
			"it from the prose)"
		      : "the page does not carry it (import does not find it "
			"in the prose)");
	}
	for (i = 0; i < p->ntreaties; i++) {
		const pd_treaty *t = &p->treaties[i];
		const pd_treaty *u = find_treaty(q, t->id);

		if (u && t->status == u->status && t->via == u->via &&
		    pd_date_cmp(t->date, u->date) == 0 &&
		    same_cites(t->cite, t->ncite, u->cite, u->ncite))
			continue;
		say(o, file, t->pos, "treaty %s (%s): %s", t->id,
		    pd_treaty_status_name(t->status),
		    u ? "the page carries it otherwise (as import extracts "
			"it from the prose)"
		      : "the page does not carry it (import does not find it "
			"in the prose)");
	}
	if (p->nignores)
		say(o, file, p->ignores[0].pos,
		    "lint.ignore: the page does not carry the %zu entr%s",
		    p->nignores, p->nignores == 1 ? "y" : "ies");
}

/* The profile `arg` names, as show reads it, copied into *out (the
 * caller's); its path for messages into `label`. */
static int load(pd_profile **out, const char *arg, const pd_vocab *vocab,
		char *label, size_t size)
{
	pd_store *s = NULL;
	pd_buf y = PD_BUF_INIT;
	pd_revision r;
	char *copy, *at, *path;
	const char *rev;
	pd_read_options ro = PD_READ_OPTIONS_INIT;
	int err;

	snprintf(label, size, "%s", arg);
	if (access(arg, F_OK) == 0)
		return pd_app_load_profile(out, arg, vocab);
	if (!(copy = strdup(arg)))
		return pd_error_oom();
	at = strrchr(copy, '@');
	if (at)
		*at = '\0';
	if ((err = pd_store_open(&s, ".")) < 0 ||
	    (err = at ? pd_store_profile_path(s, copy, &path)
		      : pd_app_profile_path(s, copy, &path)) < 0)
		goto done;
	rev = at ? at + 1
		 : pd_store_workdir(s) && pd_store_dirty(s, path) ? "worktree"
								   : "HEAD";
	snprintf(label, size, "%s", path);
	/* a copy of the store's, which the store keeps and may not change */
	ro.vocab = &pd_store_config(s)->vocab;
	if ((err = pd_store_load(s, path, rev, &r)) == 0 &&
	    (err = pd_yaml_write(&y, r.profile)) == 0)
		err = pd_yaml_read(out, y.ptr, y.len, path, &ro);
done:
	pd_buf_free(&y);
	pd_store_free(s);
	free(copy);
	return err;
}

int pd_app_render(pd_buf *out, const pd_app_render_options *opts)
{
	pd_config *config = NULL;
	pd_profile *p = NULL, *q = NULL;
	pd_arena *a = NULL;
	pd_profile_report rep;
	char label[4096];
	int err;

	if (opts->format == PD_FORMAT_HTML && !opts->renumber &&
	    access(opts->profile, F_OK) != 0) {
		/* a profile of the repository: its page says what changed
		 * since the published revision before it */
		pd_store *s = NULL;

		if ((err = pd_store_open(&s, ".")) == 0)
			err = pd_app_render_html(out, s, opts->profile);
		pd_store_free(s);
		return err;
	}
	if ((err = pd_app_here_config(&config)) < 0 ||
	    (err = load(&p, opts->profile, &config->vocab, label,
			sizeof(label))) < 0)
		goto done;
	if (opts->renumber && (err = pd_renumber_profile(p, label, NULL)) < 0)
		goto done;
	if (!(a = pd_arena_new())) {
		err = pd_error_oom();
		goto done;
	}
	memset(&rep, 0, sizeof(rep));
	rep.name = pd_app_profile_name(a, label);
	rep.profile = p;
	if (opts->format == PD_FORMAT_HTML) {
		/* a file, or a renumbered profile: the page without the
		 * box of what changed, no previous revision being known */
		pd_profile_page pg = PD_PROFILE_PAGE_INIT;

		pg.vocab = &config->vocab;
		err = pd_render_profile_html(out, p, &pg);
		goto done;
	}
	if ((err = pd_render_profile(out, opts->format, &rep, NULL)) < 0)
		goto done;
	if (opts->format == PD_FORMAT_PAGE) {
		pd_page_options po = PD_PAGE_OPTIONS_INIT;

		po.country = p->country;
		po.vocab = &config->vocab;
		if ((err = pd_page_import(&q, NULL, out->ptr ? out->ptr : "",
					  out->len, "page.txt", &po)) < 0) {
			/* a page import cannot read: name it, the page is
			 * still the page */
			say(opts, label, (pd_pos){0, 0},
			    "the page does not read back: %s",
			    pd_error_last()->message);
			pd_error_clear();
			err = 0;
		} else {
			check_page(opts, label, p, q);
		}
	}
done:
	pd_profile_free(q);
	pd_profile_free(p);
	pd_config_free(config);
	pd_arena_free(a);
	return err;
}
