/*
 * schema.h: profile YAML, schema 1 (docs/DESIGN.md, section 4), as data.
 *
 * Each mapping of the schema is a table of its keys, each key with the kind
 * of value it takes and a description an editor reads. The YAML reader
 * takes its keys from these tables, `profdiff schema` writes its JSON
 * Schema from them, and an editor's completion lists their enumerations:
 * a key added here is read, documented and completed, and the three
 * cannot drift apart.
 */
#ifndef PROFDIFF_SCHEMA_H
#define PROFDIFF_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "profdiff/buf.h"
#include "profdiff/treaties.h"

/* The kinds of value a key takes. */
typedef enum pd_schema_kind {
	PD_SK_SCHEMA,        /* the schema version, 1 */
	PD_SK_TEXT,          /* a non-empty string */
	PD_SK_DATE,          /* YYYY-MM-DD, a real date */
	PD_SK_PARTIAL_DATE,  /* YYYY, YYYY-MM or YYYY-MM-DD */
	PD_SK_RESERVATION,   /* true, or a partial date */
	PD_SK_YEAR,          /* 1 to 9999 */
	PD_SK_FOOTNOTE,      /* a footnote number */
	PD_SK_FOOTNOTE_SET,  /* 7, "1-22", or a list of numbers and ranges */
	PD_SK_CITES,         /* a list of footnote numbers */
	PD_SK_NAMES,         /* a list of strings */
	PD_SK_ENUM,          /* one name of an enumeration (pd_schema_enum) */
	PD_SK_SECTIONS,      /* a list of sections (PD_SM_SECTION) */
	PD_SK_PARAGRAPHS,    /* a list of paragraphs */
	PD_SK_LAWS,          /* a list of laws (PD_SM_LAW) */
	PD_SK_TREATIES,      /* treaty id -> status or PD_SM_TREATY */
	PD_SK_FOOTNOTES,     /* footnote number -> text */
	PD_SK_LINT,          /* PD_SM_LINT */
	PD_SK_IGNORES        /* a list of rule names or PD_SM_IGNORE */
} pd_schema_kind;

/* The enumerations of the schema. */
typedef enum pd_schema_enum_id {
	PD_SE_NONE,
	PD_SE_LAW_TYPE,
	PD_SE_LAW_STATUS,
	PD_SE_TREATY_STATUS,
	PD_SE_TREATY_VIA,
	PD_SE_RULE,
	PD_SE_COUNT
} pd_schema_enum_id;

typedef struct pd_schema_key {
	const char *name;
	pd_schema_kind kind;
	pd_schema_enum_id enumeration; /* PD_SK_ENUM: which one */
	bool required;
	const char *description;
} pd_schema_key;

/* The mappings of the schema. */
typedef enum pd_schema_map_id {
	PD_SM_PROFILE,
	PD_SM_SECTION,
	PD_SM_LAW,
	PD_SM_TREATY,
	PD_SM_LINT,
	PD_SM_IGNORE,
	PD_SM_COUNT
} pd_schema_map_id;

typedef struct pd_schema_map {
	const char *const *names; /* the keys' names, in the table's order */
	size_t nkeys;             /* at most 32 */
	const char *what;         /* "a law", for messages */
	const char *list;         /* "name, short, ...", for messages */
	const pd_schema_key *keys; /* nkeys entries, names[i] == keys[i].name */
	const char *description;
} pd_schema_map;

/* The table of mapping `id` (borrowed, static), or NULL. */
const pd_schema_map *pd_schema_map_get(pd_schema_map_id id);

/* One name of an enumeration and what it means (both static). */
typedef struct pd_schema_value {
	const char *name;
	const char *description;
} pd_schema_value;

/* How many names enumeration `id` has: law types, law statuses, treaty
 * statuses, ways of joining a treaty, lint rules. 0 for PD_SE_NONE. */
size_t pd_schema_enum_count(pd_schema_enum_id id);

/* The i-th name of enumeration `id`, in the order the model numbers them
 * (pd_law_type_name(i), pd_rule_get(i)->name...), i < the count. */
pd_schema_value pd_schema_enum_value(pd_schema_enum_id id, size_t i);

/* Appends the JSON Schema (draft 2020-12) of schema-1 profiles to `out`:
 * every key with its type, enumeration and description; the treaty ids are
 * those of `vocab` (NULL: the built-in ones). Returns 0 or PD_ENOMEM. */
int pd_schema_json(pd_buf *out, const pd_vocab *vocab);

/* The `$id` of that schema. */
#define PD_SCHEMA_ID "https://profdiff.invalid/schema/profile-1.json"

#endif
