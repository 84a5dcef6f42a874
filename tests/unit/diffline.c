#include <string.h>

#include "diffline.h"

static void labels(pd_buf *out, const char *sign, const pd_source_ref *v,
		   size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pd_buf_printf(out, "%s%s%s", i ? "; " : "", sign, v[i].label);
}

static void fields(pd_buf *out, const pd_change *c)
{
	size_t i;

	for (i = 0; i < c->nfields; i++)
		pd_buf_printf(out, "%s%s: %s -> %s", i ? "; " : "",
			      c->fields[i].field,
			      c->fields[i].from ? c->fields[i].from : "-",
			      c->fields[i].to ? c->fields[i].to : "-");
}

void diff_line(pd_buf *out, const pd_change *c)
{
	size_t i;
	bool first;

	pd_buf_printf(out, "%s | %s | ", pd_change_kind_name(c->kind),
		      c->section ? c->section : "-");
	switch (c->kind) {
	case PD_CHANGE_LAST_UPDATED:
	case PD_CHANGE_SECTION_RENAMED:
		pd_buf_printf(out, "%s -> %s", c->from ? c->from : "-",
			      c->to ? c->to : "-");
		break;
	case PD_CHANGE_SECTION_ADDED:
	case PD_CHANGE_SECTION_REMOVED:
		pd_buf_puts(out, c->text);
		break;
	case PD_CHANGE_LAW_ADDED:
	case PD_CHANGE_LAW_REMOVED:
		pd_buf_printf(out, "%s (%d) %s %s", c->law->name, c->law->year,
			      pd_law_type_name(c->law->type),
			      pd_law_status_name(c->law->status));
		break;
	case PD_CHANGE_LAW_CHANGED:
		pd_buf_printf(out, "%s | ", c->law->name);
		fields(out, c);
		break;
	case PD_CHANGE_TREATY_ADDED:
	case PD_CHANGE_TREATY_REMOVED:
		pd_buf_printf(out, "%s %s", c->treaty, c->status);
		break;
	case PD_CHANGE_TREATY_CHANGED:
		pd_buf_printf(out, "%s %s -> %s | ", c->treaty, c->from, c->to);
		fields(out, c);
		break;
	case PD_CHANGE_CLAIM_ADDED:
	case PD_CHANGE_CLAIM_REMOVED:
		pd_buf_printf(out, "%s | ", c->text);
		labels(out, "", c->sources, c->nsources);
		break;
	case PD_CHANGE_CLAIM_REWORDED:
		pd_buf_printf(out, "%s%s%s | ", c->match,
			      c->editorial ? " editorial" : "",
			      c->factual ? " factual" : "");
		for (i = 0, first = true; i < c->nwords; i++)
			if (c->words[i].op != '=') {
				pd_buf_printf(out, "%s%c%s", first ? "" : " ",
					      c->words[i].op, c->words[i].text);
				first = false;
			}
		break;
	case PD_CHANGE_CLAIM_MOVED:
		if (c->editorial)
			pd_buf_printf(out, "%s | paragraph %zu -> %zu", c->text,
				      c->from_paragraph, c->to_paragraph);
		else
			pd_buf_printf(out, "%s | from %s", c->text, c->from);
		break;
	case PD_CHANGE_CLAIM_SPLIT:
	case PD_CHANGE_CLAIM_MERGED:
		pd_buf_printf(out, "%s%s | ", c->editorial ? "editorial" : "",
			      c->factual ? "factual" : "");
		if (c->kind == PD_CHANGE_CLAIM_SPLIT)
			pd_buf_printf(out, "%s -> ", c->from);
		for (i = 0; i < c->nparts; i++)
			pd_buf_printf(out, "%s[%s]", i ? " " : "", c->parts[i]);
		if (c->kind == PD_CHANGE_CLAIM_MERGED)
			pd_buf_printf(out, " -> %s", c->to);
		break;
	case PD_CHANGE_CLAIM_SOURCES:
		pd_buf_printf(out, "%s | ", c->text);
		labels(out, "+", c->sources, c->nsources);
		if (c->nsources && c->nremoved)
			pd_buf_puts(out, "; ");
		labels(out, "-", c->removed, c->nremoved);
		break;
	case PD_CHANGE_SOURCE_ADDED:
	case PD_CHANGE_SOURCE_REMOVED:
		pd_buf_printf(out, "%s | %s", c->source.label,
			      c->source.url ? c->source.url : "-");
		break;
	case PD_CHANGE_SOURCE_CHANGED:
		pd_buf_printf(out, "%s | ", c->source.label);
		fields(out, c);
		break;
	default:
		break;
	}
}
