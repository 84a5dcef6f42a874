/*
 * render_html_review.c: a review as one page: a table of contents, then
 * each profile's changes and the findings introduced and fixed.
 */
#include <stdlib.h>

#include "render_internal.h"

static const char review_style[] =
	"nav ol{padding-left:1.4em}nav li{margin:.2em 0}"
	"section.profile{margin-top:2.4em}section.profile>h2 .st{font:"
	".6em sans-serif;text-transform:uppercase;letter-spacing:.05em;"
	"color:var(--muted);margin-left:.6em}h4{font-size:.95em;"
	"margin:1em 0 .3em}ul.findings{padding-left:0;list-style:none}"
	"ul.findings li{margin:.4em 0;padding:.3em .6em;"
	"border-left:4px solid var(--line);font-size:.95em}"
	"ul.findings li.error{border-left-color:var(--del)}"
	"ul.findings li.warning{border-left-color:var(--chg)}"
	"ul.findings li.error>.tag{color:var(--del)}"
	"ul.findings li.warning>.tag{color:var(--chg)}"
	"ul.findings li.fixed{opacity:.75}.broken{color:var(--del);"
	"font-weight:bold}"
	"code{font-size:.9em}";

static void rv_group(pd_buf *out, pd_walk_group g, void *ctx)
{
	(void)ctx;
	pd_buf_printf(out, "<h3>%s</h3>\n", pd_walk_group_titles[g]);
}

static void rv_list(pd_buf *out, bool nested, const char *title, void *ctx)
{
	(void)ctx;
	if (nested) {
		pd_buf_puts(out, "<h4>");
		pd_html_esc(out, title);
		pd_buf_puts(out, "</h4>\n");
	}
	pd_buf_puts(out, "<ul class=\"changes\">\n");
}

static const pd_walk review_walk = {rv_group, rv_list, pd_html_change,
				      pd_html_list_end};

static void findings_html(pd_buf *out, const char *title, bool fixed,
			  const pd_finding *const *v, size_t n)
{
	size_t i;

	if (!n)
		return;
	pd_buf_printf(out, "<h3>%s</h3>\n<ul class=\"findings\">\n", title);
	for (i = 0; i < n; i++) {
		const pd_finding *f = v[i];

		pd_buf_printf(out,
			      "<li class=\"%s%s\"><span class=\"tag\">%s</span>"
			      "<code>%s</code> line %u: ",
			      pd_severity_name(f->severity),
			      fixed ? " fixed" : "",
			      pd_severity_name(f->severity),
			      pd_rule_get(f->rule)->name, f->pos.line);
		pd_html_esc(out, f->message);
		if (f->text) {
			pd_buf_puts(out, "<span class=\"src\">");
			pd_html_esc(out, f->text);
			pd_buf_puts(out, "</span>");
		}
		pd_buf_puts(out, "</li>\n");
	}
	pd_buf_puts(out, "</ul>\n");
}

void pd_html_review(pd_buf *out, const pd_review *r,
		    const pd_render_options *opts)
{
	pd_buf b = PD_BUF_INIT;
	size_t i;

	(void)opts;
	pd_buf_printf(&b, "Review: %s to %s",
		      r->base.rev ? r->base.rev : "nothing", r->head.rev);
	pd_html_head(out, pd_buf_cstr(&b), review_style);
	pd_buf_clear(&b);
	pd_buf_puts(out, "<h1>Review of ");
	pd_html_esc(out, r->base.rev ? r->base.rev : "nothing");
	pd_buf_puts(out, " to ");
	pd_html_esc(out, r->head.rev);
	pd_buf_puts(out, "</h1>\n<p class=\"meta\">");
	pd_buf_printf(out, "base %.10s, head %.10s. ",
		      r->base.commit ? r->base.commit : "(empty)",
		      r->head.commit ? r->head.commit : r->head.rev);
	pd_describe_review(&b, r);
	pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
	pd_buf_free(&b);
	pd_buf_puts(out, ".</p>\n");
	if (!r->n) {
		pd_buf_puts(out, "<p>No profile changed.</p>\n</body>\n</html>\n");
		return;
	}
	pd_buf_puts(out, "<nav><h2>Profiles</h2>\n<ol>\n");
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_printf(out, "<li><a href=\"#p%zu\">", i + 1);
		pd_html_esc(out, e->profile);
		pd_buf_puts(out, "</a> ");
		if (e->to_error)
			pd_buf_puts(out, "<span class=\"broken\">no longer "
					 "parses</span> ");
		pd_buf_puts(out, "<span class=\"meta\">");
		pd_describe_review_entry(&b, e);
		pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
		pd_buf_clear(&b);
		pd_buf_puts(out, "</span></li>\n");
	}
	pd_buf_puts(out, "</ol></nav>\n");
	for (i = 0; i < r->n; i++) {
		const pd_review_entry *e = &r->entries[i];

		pd_buf_printf(out, "<section class=\"profile\" id=\"p%zu\"><h2>",
			      i + 1);
		pd_html_esc(out, e->to && e->to->country     ? e->to->country
				 : e->from && e->from->country ? e->from->country
							       : e->profile);
		pd_buf_printf(out, "<span class=\"st\">%s</span></h2>\n",
			      pd_review_status_name(e->status));
		pd_buf_puts(out, "<p class=\"meta\"><code>");
		pd_html_esc(out, e->path);
		pd_buf_puts(out, "</code>: ");
		pd_describe_review_sides(&b, e);
		pd_buf_puts(&b, "; ");
		pd_describe_review_entry(&b, e);
		pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
		pd_buf_clear(&b);
		pd_buf_puts(out, ".</p>\n");
		if (e->diff && (e->status == PD_REVIEW_ADDED ||
				e->status == PD_REVIEW_DELETED)) {
			pd_buf_puts(out, e->status == PD_REVIEW_ADDED
						 ? "<p>New profile: "
						 : "<p>Deleted profile: ");
			pd_diff_summarize(&b, e->diff);
			pd_xml_escape(out, b.ptr ? b.ptr : "", b.len);
			pd_buf_clear(&b);
			pd_buf_puts(out, ".</p>\n");
		} else if (e->diff && e->diff->nchanges) {
			pd_walk_diff(out, e->diff, &review_walk, NULL);
		} else if (e->diff) {
			pd_buf_puts(out, "<p>No changes in substance.</p>\n");
		}
		findings_html(out, "Lint: introduced", false,
			      e->lint.introduced, e->lint.nintroduced);
		findings_html(out, "Lint: fixed", true, e->lint.fixed,
			      e->lint.nfixed);
		pd_buf_puts(out, "</section>\n");
	}
	pd_buf_free(&b);
	pd_buf_puts(out, "</body>\n</html>\n");
}
