#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/lint.h"
#include "profdiff/profile.h"
#include "profdiff/schema.h"
#include "testutil.h"

/* Each table's names are its keys', and its message lists them all. */
START_TEST(tables_agree_with_themselves)
{
	int id;

	for (id = 0; id < PD_SM_COUNT; id++) {
		const pd_schema_map *m = pd_schema_map_get(id);
		char list[512] = "";
		size_t i;

		ck_assert_ptr_nonnull(m);
		ck_assert_uint_le(m->nkeys, 32);
		for (i = 0; i < m->nkeys; i++) {
			ck_assert_str_eq(m->names[i], m->keys[i].name);
			ck_assert_ptr_nonnull(m->keys[i].description);
			ck_assert(m->keys[i].kind != PD_SK_ENUM ||
				  m->keys[i].enumeration != PD_SE_NONE);
			if (i)
				strcat(list, ", ");
			strcat(list, m->names[i]);
		}
		ck_assert_str_eq(m->list, list);
	}
	ck_assert_ptr_null(pd_schema_map_get(PD_SM_COUNT));
}
END_TEST

/* The enumerations are the model's names, those the reader looks up. */
START_TEST(enumerations_are_the_models)
{
	static const struct {
		pd_schema_enum_id id;
		int (*lookup)(const char *, size_t);
		size_t count;
	} e[] = {
		{PD_SE_LAW_TYPE, pd_law_type_lookup, PD_LAW_TYPE_COUNT},
		{PD_SE_LAW_STATUS, pd_law_status_lookup, PD_LAW_STATUS_COUNT},
		{PD_SE_TREATY_STATUS, pd_treaty_status_lookup,
		 PD_TREATY_STATUS_COUNT},
		{PD_SE_TREATY_VIA, pd_treaty_via_lookup, PD_VIA_COUNT - 1},
		{PD_SE_RULE, pd_rule_lookup, PD_RULE_COUNT},
	};
	size_t k, i;

	for (k = 0; k < sizeof(e) / sizeof(e[0]); k++) {
		ck_assert_uint_eq(pd_schema_enum_count(e[k].id), e[k].count);
		for (i = 0; i < e[k].count; i++) {
			pd_schema_value v = pd_schema_enum_value(e[k].id, i);

			ck_assert_int_ge(e[k].lookup(v.name, strlen(v.name)),
					 0);
			ck_assert(v.description[0] != '\0');
		}
		ck_assert_str_eq(pd_schema_enum_value(e[k].id, e[k].count).name,
				 "");
	}
	ck_assert_uint_eq(pd_schema_enum_count(PD_SE_NONE), 0);
	ck_assert_str_eq(pd_schema_enum_value(PD_SE_LAW_STATUS, 0).name,
			 "in-force");
	ck_assert_str_eq(pd_schema_enum_value(PD_SE_TREATY_VIA, 0).name,
			 "ratification");
}
END_TEST

/* The JSON Schema names every key of every table and every treaty of the
 * vocabulary, extra ones too. */
START_TEST(json_schema_names_every_key_and_treaty)
{
	static const pd_treaty_def extra[] = {
		{"ASEAN-HRD", "ASEAN Human Rights Declaration", NULL}};
	pd_vocab v = {extra, 1, NULL, 0};
	pd_buf b = PD_BUF_INIT;
	char key[96];
	int id;
	size_t i;

	ck_assert_int_eq(pd_schema_json(&b, &v), 0);
	ck_assert_ptr_nonnull(strstr(b.ptr, "\"$schema\": \"https://json-schema"
					    ".org/draft/2020-12/schema\""));
	for (id = 0; id < PD_SM_COUNT; id++) {
		const pd_schema_map *m = pd_schema_map_get(id);

		for (i = 0; i < m->nkeys; i++) {
			snprintf(key, sizeof(key), "\"%s\": {", m->names[i]);
			ck_assert_msg(strstr(b.ptr, key), "no %s", key);
		}
	}
	for (i = 0; i < pd_vocab_count(&v); i++) {
		snprintf(key, sizeof(key), "\"%s\": {\"description\": ",
			 pd_vocab_get(&v, i)->id);
		ck_assert_msg(strstr(b.ptr, key), "no %s", key);
	}
	ck_assert_int_eq(b.ptr[b.len - 1], '\n');
	pd_buf_free(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("schema");

	tcase_add_test(tc, tables_agree_with_themselves);
	tcase_add_test(tc, enumerations_are_the_models);
	tcase_add_test(tc, json_schema_names_every_key_and_treaty);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
