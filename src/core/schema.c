/*
 * schema.c: profile YAML, schema 1, as tables (see schema.h), and the JSON
 * Schema written from them.
 *
 * The names of the enumerations are the model's own (pd_law_type_name,
 * pd_rule_get...), the ones the reader looks names up in; only what each
 * means is written here. The JSON Schema follows the reader's rules where
 * JSON Schema can say them: sections nest three deep (three definitions,
 * the deepest without `sections`), treaty ids are the vocabulary's, a
 * footnote number runs from 1 to PD_MAX_FOOTNOTE. What it cannot say
 * (that a date is a real one, that a footnote number is not repeated) the
 * reader still checks.
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "profdiff/lint.h"
#include "profdiff/profile.h"
#include "profdiff/schema.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The mappings ------------------------------------------------------------ */

static const pd_schema_key profile_keys[] = {
	{"schema", PD_SK_SCHEMA, PD_SE_NONE, true,
	 "The schema version of this file: 1."},
	{"country", PD_SK_TEXT, PD_SE_NONE, true,
	 "The country's name as the publication writes it (\"North Korea\")."},
	{"last_updated", PD_SK_DATE, PD_SE_NONE, false,
	 "The published revision's date, YYYY-MM-DD: the page's \"Last "
	 "updated\" line. A new date makes a new published revision."},
	{"sections", PD_SK_SECTIONS, PD_SE_NONE, false,
	 "The page's sections in order, each with its title, paragraphs and "
	 "nested sections (three levels at most)."},
	{"laws", PD_SK_LAWS, PD_SE_NONE, false,
	 "The laws, codes, decrees and policies the profile is about."},
	{"treaties", PD_SK_TREATIES, PD_SE_NONE, false,
	 "The country's status for each treaty, by treaty id: a status, or "
	 "a mapping with status, via, date and cite."},
	{"footnotes", PD_SK_FOOTNOTES, PD_SE_NONE, false,
	 "The footnotes by number, each an OSCOLA citation; a marker [n] in "
	 "the prose cites footnote n."},
	{"footnotes_cited_elsewhere", PD_SK_FOOTNOTE_SET, PD_SE_NONE, false,
	 "Footnotes that parts of the published page not kept in this "
	 "profile cite: lint does not call them orphans. A number, a range "
	 "(\"1-22\") or a list of both ([3, 7, \"10-12\"])."},
	{"lint", PD_SK_LINT, PD_SE_NONE, false,
	 "This profile's lint settings."},
};

static const pd_schema_key section_keys[] = {
	{"title", PD_SK_TEXT, PD_SE_NONE, true, "The section's heading."},
	{"subtitle", PD_SK_TEXT, PD_SE_NONE, false,
	 "A line under the heading (\"Designed to Include?\" has one)."},
	{"paragraphs", PD_SK_PARAGRAPHS, PD_SE_NONE, false,
	 "The section's paragraphs in order, with their citation markers "
	 "([15], [15][16], [15-17])."},
	{"sections", PD_SK_SECTIONS, PD_SE_NONE, false,
	 "Sections nested in this one (three levels at most)."},
};

static const pd_schema_key law_keys[] = {
	{"name", PD_SK_TEXT, PD_SE_NONE, true,
	 "The law's full name, as the prose names it."},
	{"short", PD_SK_TEXT, PD_SE_NONE, false,
	 "A short name the prose also uses (\"Law on CRVSID\")."},
	{"aka", PD_SK_NAMES, PD_SE_NONE, false,
	 "Other names of the law met in prose."},
	{"year", PD_SK_YEAR, PD_SE_NONE, false,
	 "The year the law was made."},
	{"type", PD_SK_ENUM, PD_SE_LAW_TYPE, false,
	 "What kind of instrument it is (default: other)."},
	{"status", PD_SK_ENUM, PD_SE_LAW_STATUS, false,
	 "Where the law stands (default: unknown)."},
	{"date", PD_SK_PARTIAL_DATE, PD_SE_NONE, false,
	 "When the law took its status: YYYY, YYYY-MM or YYYY-MM-DD."},
	{"replaced_by", PD_SK_TEXT, PD_SE_NONE, false,
	 "The name of the law that replaced this one."},
	{"cite", PD_SK_CITES, PD_SE_NONE, false,
	 "The footnotes that are the sources of this entry."},
};

static const pd_schema_key treaty_keys[] = {
	{"status", PD_SK_ENUM, PD_SE_TREATY_STATUS, true,
	 "The country's status for this treaty."},
	{"via", PD_SK_ENUM, PD_SE_TREATY_VIA, false,
	 "How the country became bound by it."},
	{"date", PD_SK_PARTIAL_DATE, PD_SE_NONE, false,
	 "When the status was taken: YYYY, YYYY-MM or YYYY-MM-DD."},
	{"cite", PD_SK_CITES, PD_SE_NONE, false,
	 "The footnotes that are the sources of this entry."},
	{"reservation", PD_SK_RESERVATION, PD_SE_NONE, false,
	 "The country made a reservation to the treaty: true, or when "
	 "(YYYY, YYYY-MM or YYYY-MM-DD)."},
};

static const pd_schema_key lint_keys[] = {
	{"ignore", PD_SK_IGNORES, PD_SE_NONE, false,
	 "Findings this profile silences: a rule's name silences it "
	 "everywhere; a mapping narrows it to footnotes or to claims."},
};

static const pd_schema_key ignore_keys[] = {
	{"rule", PD_SK_ENUM, PD_SE_RULE, true, "The rule to silence."},
	{"footnote", PD_SK_FOOTNOTE_SET, PD_SE_NONE, false,
	 "Only its findings about these footnotes: a number, a range "
	 "(\"1-22\") or a list of both ([3, 7])."},
	{"text", PD_SK_TEXT, PD_SE_NONE, false,
	 "Only its findings about claims that start with this text "
	 "(compared in normal form: case, quotes and markers aside)."},
};

static const char *const profile_names[] = {
	"schema", "country", "last_updated", "sections", "laws", "treaties",
	"footnotes", "footnotes_cited_elsewhere", "lint"};
static const char *const section_names[] = {"title", "subtitle",
					    "paragraphs", "sections"};
static const char *const law_names[] = {
	"name", "short", "aka", "year", "type", "status", "date",
	"replaced_by", "cite"};
static const char *const treaty_names[] = {"status", "via", "date", "cite",
					   "reservation"};
static const char *const lint_names[] = {"ignore"};
static const char *const ignore_names[] = {"rule", "footnote", "text"};

#define MAP(names, keys, what, list, desc)                                   \
	{names, N(names), what, list, keys, desc}

static const pd_schema_map maps[PD_SM_COUNT] = {
	MAP(profile_names, profile_keys, "a profile",
	    "schema, country, last_updated, sections, laws, treaties, "
	    "footnotes, footnotes_cited_elsewhere, lint",
	    "A country profile of the publication, schema 1."),
	MAP(section_names, section_keys, "a section",
	    "title, subtitle, paragraphs, sections",
	    "A section of the page: its title, paragraphs and nested "
	    "sections."),
	MAP(law_names, law_keys, "a law",
	    "name, short, aka, year, type, status, date, replaced_by, cite",
	    "A law, code, decree, regulation, policy or strategy."),
	MAP(treaty_names, treaty_keys, "a treaty",
	    "status, via, date, cite, reservation",
	    "The country's status for a treaty, with how, when and the "
	    "sources."),
	MAP(lint_names, lint_keys, "'lint'", "ignore",
	    "This profile's lint settings."),
	MAP(ignore_names, ignore_keys, "a lint.ignore entry",
	    "rule, footnote, text",
	    "A rule silenced for some footnotes or claims."),
};

_Static_assert(N(profile_names) == N(profile_keys), "profile keys");
_Static_assert(N(section_names) == N(section_keys), "section keys");
_Static_assert(N(law_names) == N(law_keys), "law keys");
_Static_assert(N(treaty_names) == N(treaty_keys), "treaty keys");
_Static_assert(N(ignore_names) == N(ignore_keys), "ignore keys");

const pd_schema_map *pd_schema_map_get(pd_schema_map_id id)
{
	return (unsigned)id < PD_SM_COUNT ? &maps[id] : NULL;
}

/* The enumerations ------------------------------------------------------ */

static const char *const law_type_desc[PD_LAW_TYPE_COUNT] = {
	"an act of the legislature",
	"a code: a body of law in one instrument (a penal or civil code)",
	"a decree of the executive",
	"a sub-decree, made under a decree or a law",
	"a regulation, ministerial order or rule",
	"a government policy",
	"a national strategy or plan",
	"any other instrument",
};

static const char *const law_status_desc[PD_LAW_STATUS_COUNT] = {
	"in force",
	"a draft, not yet adopted",
	"proposed: announced or before the legislature",
	"repealed (replaced_by names what replaced it)",
	"adopted, not yet in force",
	"in force as amended",
	"not known",
};

static const char *const treaty_status_desc[PD_TREATY_STATUS_COUNT] = {
	"a state party: bound by the treaty",
	"signed, not ratified",
	"neither party nor signatory",
	"was a party, has withdrawn",
	"not known",
};

static const char *const via_desc[PD_VIA_COUNT] = {
	"",
	"signature, then ratification",
	"accession, without signature first",
	"succession, as a successor state",
	"acceptance",
	"approval",
};

size_t pd_schema_enum_count(pd_schema_enum_id id)
{
	switch (id) {
	case PD_SE_LAW_TYPE:
		return PD_LAW_TYPE_COUNT;
	case PD_SE_LAW_STATUS:
		return PD_LAW_STATUS_COUNT;
	case PD_SE_TREATY_STATUS:
		return PD_TREATY_STATUS_COUNT;
	case PD_SE_TREATY_VIA:
		return PD_VIA_COUNT - 1; /* PD_VIA_NONE is no name */
	case PD_SE_RULE:
		return PD_RULE_COUNT;
	case PD_SE_NONE:
	case PD_SE_COUNT:
		break;
	}
	return 0;
}

pd_schema_value pd_schema_enum_value(pd_schema_enum_id id, size_t i)
{
	pd_schema_value v = {"", ""};

	if (i >= pd_schema_enum_count(id))
		return v;
	switch (id) {
	case PD_SE_LAW_TYPE:
		v.name = pd_law_type_name((pd_law_type)i);
		v.description = law_type_desc[i];
		break;
	case PD_SE_LAW_STATUS:
		v.name = pd_law_status_name((pd_law_status)i);
		v.description = law_status_desc[i];
		break;
	case PD_SE_TREATY_STATUS:
		v.name = pd_treaty_status_name((pd_treaty_status)i);
		v.description = treaty_status_desc[i];
		break;
	case PD_SE_TREATY_VIA:
		v.name = pd_treaty_via_name((pd_treaty_via)(i + 1));
		v.description = via_desc[i + 1];
		break;
	case PD_SE_RULE:
		v.name = pd_rule_get((pd_rule_id)i)->name;
		v.description = pd_rule_get((pd_rule_id)i)->summary;
		break;
	case PD_SE_NONE:
	case PD_SE_COUNT:
		break;
	}
	return v;
}

/* The JSON Schema ------------------------------------------------------- */

#define DATE_RE "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
#define NUM_RE "[1-9][0-9]{0,4}"

static void def_ref(pd_json *j, const char *def)
{
	char ref[64];

	snprintf(ref, sizeof(ref), "#/$defs/%s", def);
	pd_json_member_cstr(j, "$ref", ref);
}

static void put_enum(pd_json *j, pd_schema_enum_id id)
{
	size_t i, n = pd_schema_enum_count(id);

	pd_json_member_array(j, "enum");
	for (i = 0; i < n; i++)
		pd_json_value_enum(j, pd_schema_enum_value(id, i).name);
	pd_json_end_array(j);
	/* VS Code's and yaml-language-server's words for each name */
	pd_json_member_array(j, "enumDescriptions");
	for (i = 0; i < n; i++)
		pd_json_value_cstr(j, pd_schema_enum_value(id, i).description);
	pd_json_end_array(j);
}

static void put_text(pd_json *j)
{
	pd_json_member_cstr(j, "type", "string");
	pd_json_member_uint(j, "minLength", 1);
}

/* The members saying what a value of the kind is. */
static void put_kind(pd_json *j, const pd_schema_key *k, int depth)
{
	char def[32];

	switch (k->kind) {
	case PD_SK_SCHEMA:
		pd_json_member_uint(j, "const", PD_SCHEMA_VERSION);
		break;
	case PD_SK_TEXT:
		put_text(j);
		break;
	case PD_SK_DATE:
		def_ref(j, "date");
		break;
	case PD_SK_PARTIAL_DATE:
		def_ref(j, "partialDate");
		break;
	case PD_SK_RESERVATION:
		pd_json_member_array(j, "anyOf");
		pd_json_begin_object(j);
		pd_json_name(j, "const");
		pd_json_value_bool(j, true);
		pd_json_end_object(j);
		pd_json_begin_object(j);
		def_ref(j, "partialDate");
		pd_json_end_object(j);
		pd_json_end_array(j);
		break;
	case PD_SK_YEAR:
		pd_json_member_cstr(j, "type", "integer");
		pd_json_member_uint(j, "minimum", 1);
		pd_json_member_uint(j, "maximum", 9999);
		break;
	case PD_SK_FOOTNOTE:
		def_ref(j, "footnoteNumber");
		break;
	case PD_SK_FOOTNOTE_SET:
		def_ref(j, "footnoteSet");
		break;
	case PD_SK_CITES:
		def_ref(j, "cites");
		break;
	case PD_SK_NAMES:
		pd_json_member_cstr(j, "type", "array");
		pd_json_member_object(j, "items");
		put_text(j);
		pd_json_end_object(j);
		break;
	case PD_SK_ENUM:
		put_enum(j, k->enumeration);
		break;
	case PD_SK_SECTIONS:
		pd_json_member_cstr(j, "type", "array");
		pd_json_member_object(j, "items");
		snprintf(def, sizeof(def), "section%d", depth);
		def_ref(j, def);
		pd_json_end_object(j);
		break;
	case PD_SK_PARAGRAPHS:
		pd_json_member_cstr(j, "type", "array");
		pd_json_member_object(j, "items");
		put_text(j);
		pd_json_member_cstr(j, "description",
				    "A paragraph of prose with its citation "
				    "markers.");
		pd_json_end_object(j);
		break;
	case PD_SK_LAWS:
		pd_json_member_cstr(j, "type", "array");
		pd_json_member_object(j, "items");
		def_ref(j, "law");
		pd_json_end_object(j);
		break;
	case PD_SK_TREATIES:
		def_ref(j, "treaties");
		break;
	case PD_SK_FOOTNOTES:
		pd_json_member_cstr(j, "type", "object");
		pd_json_member_object(j, "propertyNames");
		pd_json_member_cstr(j, "pattern", "^" NUM_RE "$");
		pd_json_end_object(j);
		pd_json_member_object(j, "additionalProperties");
		put_text(j);
		pd_json_member_cstr(j, "description",
				    "The footnote's citation (OSCOLA).");
		pd_json_end_object(j);
		break;
	case PD_SK_LINT:
		def_ref(j, "lint");
		break;
	case PD_SK_IGNORES:
		pd_json_member_cstr(j, "type", "array");
		pd_json_member_object(j, "items");
		pd_json_member_array(j, "anyOf");
		pd_json_begin_object(j);
		put_enum(j, PD_SE_RULE);
		pd_json_end_object(j);
		pd_json_begin_object(j);
		def_ref(j, "ignore");
		pd_json_end_object(j);
		pd_json_end_array(j);
		pd_json_end_object(j);
		break;
	}
}

/* A mapping of the table as an object: its keys, those required, nothing
 * else. `depth` is a section's (a section of depth 3 has no sections). */
static void put_map(pd_json *j, pd_schema_map_id id, int depth)
{
	const pd_schema_map *m = &maps[id];
	size_t i;

	pd_json_member_cstr(j, "description", m->description);
	pd_json_member_cstr(j, "type", "object");
	pd_json_member_object(j, "properties");
	for (i = 0; i < m->nkeys; i++) {
		const pd_schema_key *k = &m->keys[i];

		if (k->kind == PD_SK_SECTIONS && id == PD_SM_SECTION &&
		    depth >= PD_MAX_SECTION_DEPTH)
			continue;
		pd_json_break(j, "\n");
		pd_json_member_object(j, k->name);
		pd_json_member_cstr(j, "description", k->description);
		put_kind(j, k, id == PD_SM_SECTION ? depth + 1 : 1);
		pd_json_end_object(j);
	}
	pd_json_end_object(j);
	pd_json_member_array(j, "required");
	for (i = 0; i < m->nkeys; i++)
		if (m->keys[i].required)
			pd_json_value_enum(j, m->keys[i].name);
	pd_json_end_array(j);
	pd_json_member_bool(j, "additionalProperties", false);
}

static void put_treaties(pd_json *j, const pd_vocab *vocab)
{
	size_t i, n = pd_vocab_count(vocab);

	for (i = 0; i < N(profile_keys); i++)
		if (profile_keys[i].kind == PD_SK_TREATIES)
			pd_json_member_cstr(j, "description",
					    profile_keys[i].description);
	pd_json_member_cstr(j, "type", "object");
	pd_json_member_object(j, "properties");
	for (i = 0; i < n; i++) {
		const pd_treaty_def *t = pd_vocab_get(vocab, i);

		pd_json_break(j, "\n");
		pd_json_key(j, t->id);
		pd_json_begin_object(j);
		pd_json_member_cstr(j, "description", t->name);
		pd_json_member_array(j, "anyOf");
		pd_json_begin_object(j);
		put_enum(j, PD_SE_TREATY_STATUS);
		pd_json_end_object(j);
		pd_json_begin_object(j);
		def_ref(j, "treaty");
		pd_json_end_object(j);
		pd_json_end_array(j);
		pd_json_end_object(j);
	}
	pd_json_end_object(j);
	pd_json_member_bool(j, "additionalProperties", false);
}

int pd_schema_json(pd_buf *out, const pd_vocab *vocab)
{
	pd_json j;
	int d;

	pd_json_init(&j, out);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "$schema",
			    "https://json-schema.org/draft/2020-12/schema");
	pd_json_member_cstr(&j, "$id", PD_SCHEMA_ID);
	pd_json_member_cstr(&j, "title", "profdiff profile, schema 1");
	pd_json_break(&j, "\n");
	put_map(&j, PD_SM_PROFILE, 0);

	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "$defs");
	for (d = 1; d <= PD_MAX_SECTION_DEPTH; d++) {
		char name[32];

		snprintf(name, sizeof(name), "section%d", d);
		pd_json_break(&j, "\n");
		pd_json_member_object(&j, name);
		put_map(&j, PD_SM_SECTION, d);
		pd_json_end_object(&j);
	}
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "law");
	put_map(&j, PD_SM_LAW, 0);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "treaties");
	put_treaties(&j, vocab);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "treaty");
	put_map(&j, PD_SM_TREATY, 0);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "lint");
	put_map(&j, PD_SM_LINT, 0);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "ignore");
	put_map(&j, PD_SM_IGNORE, 0);
	pd_json_end_object(&j);

	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "date");
	pd_json_member_cstr(&j, "description", "A date, YYYY-MM-DD.");
	pd_json_member_cstr(&j, "type", "string");
	pd_json_member_cstr(&j, "format", "date");
	pd_json_member_cstr(&j, "pattern", "^" DATE_RE "$");
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "partialDate");
	pd_json_member_cstr(&j, "description",
			    "A year, a month (YYYY-MM) or a day (YYYY-MM-DD).");
	pd_json_member_array(&j, "anyOf");
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "type", "integer");
	pd_json_member_uint(&j, "minimum", 1000);
	pd_json_member_uint(&j, "maximum", 9999);
	pd_json_end_object(&j);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "type", "string");
	pd_json_member_cstr(&j, "pattern",
			    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|"
			    "3[01]))?)?$");
	pd_json_end_object(&j);
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "footnoteNumber");
	pd_json_member_cstr(&j, "description", "A footnote's number.");
	pd_json_member_cstr(&j, "type", "integer");
	pd_json_member_uint(&j, "minimum", 1);
	pd_json_member_uint(&j, "maximum", PD_MAX_FOOTNOTE);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "cites");
	pd_json_member_cstr(&j, "description",
			    "Footnote numbers: the sources of an entry.");
	pd_json_member_cstr(&j, "type", "array");
	pd_json_member_object(&j, "items");
	def_ref(&j, "footnoteNumber");
	pd_json_end_object(&j);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "footnoteRange");
	pd_json_member_cstr(&j, "description",
			    "Footnotes FIRST to LAST (\"1-22\"), or one.");
	pd_json_member_cstr(&j, "type", "string");
	pd_json_member_cstr(&j, "pattern", "^" NUM_RE "(-" NUM_RE ")?$");
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_member_object(&j, "footnoteSet");
	pd_json_member_cstr(&j, "description",
			    "Footnotes: a number, a range (\"1-22\"), or a "
			    "list of numbers and ranges.");
	pd_json_member_array(&j, "anyOf");
	pd_json_begin_object(&j);
	def_ref(&j, "footnoteNumber");
	pd_json_end_object(&j);
	pd_json_begin_object(&j);
	def_ref(&j, "footnoteRange");
	pd_json_end_object(&j);
	pd_json_begin_object(&j);
	pd_json_member_cstr(&j, "type", "array");
	pd_json_member_uint(&j, "minItems", 1);
	pd_json_member_object(&j, "items");
	pd_json_member_array(&j, "anyOf");
	pd_json_begin_object(&j);
	def_ref(&j, "footnoteNumber");
	pd_json_end_object(&j);
	pd_json_begin_object(&j);
	def_ref(&j, "footnoteRange");
	pd_json_end_object(&j);
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_json_end_object(&j);
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_end_object(&j);
	pd_json_break(&j, "\n");
	pd_json_end_object(&j);
	pd_buf_putc(out, '\n');
	return pd_buf_ok(out);
}
