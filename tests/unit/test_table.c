/*
 * test_table.c: the typed hash table (table.h), against a plain array
 * that answers the same questions by looking at every entry.
 */
#include <stdlib.h>
#include <string.h>

#include "table.h"
#include "testutil.h"

typedef struct pair {
	uint64_t key;
	uint64_t value;
} pair;

#define PAIR_KEY(e) ((e)->key)
/* a weak hash on purpose: long runs of collisions and wrapped probes */
#define WEAK_HASH(k) ((k) % 7)
#define U64_EQ(a, b) ((a) == (b))
PD_TABLE(weak_table, pair, uint64_t, PAIR_KEY, WEAK_HASH, U64_EQ)

static uint64_t mix(uint64_t k)
{
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	return k;
}

#define MIX_HASH(k) mix(k)
PD_TABLE(mixed_table, pair, uint64_t, PAIR_KEY, MIX_HASH, U64_EQ)

typedef struct name_entry {
	const char *name;
	int n;
} name_entry;

static uint64_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

#define NAME_KEY(e) ((e)->name)
#define STR_EQ(a, b) (strcmp((a), (b)) == 0)
PD_TABLE(name_table, name_entry, const char *, NAME_KEY, str_hash, STR_EQ)

static uint64_t rng = 88172645463325252ULL;

static uint64_t next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Random puts, gets and removes on both tables and on the model. */
#define ROUND_TRIP(tname)                                                      \
	do {                                                                   \
		tname t;                                                       \
		enum { KEYS = 300 };                                           \
		uint64_t model[KEYS];                                          \
		bool have[KEYS];                                               \
		size_t i, n = 0, op;                                           \
                                                                               \
		memset(have, 0, sizeof(have));                                 \
		tname##_init(&t, _i ? arena : NULL);                           \
		for (op = 0; op < 20000; op++) {                               \
			uint64_t k = next() % KEYS;                            \
			unsigned what = (unsigned)(next() % 3);                \
			pair *e = tname##_get(&t, k);                          \
                                                                               \
			ck_assert(have[k] == (e != NULL));                     \
			if (e)                                                 \
				ck_assert_uint_eq(e->value, model[k]);         \
			if (what == 0 && e) {                                  \
				tname##_remove(&t, e);                         \
				have[k] = false;                               \
				n--;                                           \
			} else if (what) {                                     \
				bool fresh;                                    \
				pair *p = tname##_put(&t, k, &fresh);          \
                                                                               \
				ck_assert_ptr_nonnull(p);                      \
				ck_assert(fresh == !have[k]);                  \
				if (fresh) {                                   \
					ck_assert_uint_eq(p->value, 0);        \
					p->key = k;                            \
					n++;                                   \
				}                                              \
				p->value = model[k] = next();                  \
				have[k] = true;                                \
			}                                                      \
			ck_assert_uint_eq(tname##_count(&t), n);               \
		}                                                              \
		/* iteration sees each entry once */                           \
		for (i = 0; i < t.raw.cap; i++) {                              \
			pair *e = tname##_at(&t, i);                           \
                                                                               \
			if (!e)                                                \
				continue;                                      \
			ck_assert(have[e->key]);                               \
			have[e->key] = false;                                  \
			n--;                                                   \
		}                                                              \
		ck_assert_uint_eq(n, 0);                                       \
		tname##_clear(&t);                                             \
		ck_assert_uint_eq(tname##_count(&t), 0);                       \
		ck_assert_ptr_null(tname##_get(&t, 1));                        \
		tname##_free(&t);                                              \
	} while (0)

START_TEST(puts_gets_and_removes_agree_with_a_model)
{
	pd_arena *arena = pd_arena_new();

	ROUND_TRIP(weak_table);
	ROUND_TRIP(mixed_table);
	pd_arena_free(arena);
}
END_TEST

START_TEST(keys_can_be_strings)
{
	static const char *const words[] = {"laos", "cambodia", "north-korea",
					    "laos", "myanmar", "cambodia"};
	name_table t;
	size_t k;
	bool fresh;

	name_table_init(&t, NULL);
	ck_assert_ptr_null(name_table_get(&t, "laos"));
	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
		name_entry *e = name_table_put(&t, words[k], &fresh);

		ck_assert_ptr_nonnull(e);
		if (fresh)
			e->name = words[k];
		e->n++;
	}
	ck_assert_uint_eq(name_table_count(&t), 4);
	ck_assert_int_eq(name_table_get(&t, "laos")->n, 2);
	ck_assert_int_eq(name_table_get(&t, "myanmar")->n, 1);
	ck_assert_ptr_null(name_table_get(&t, "thailand"));
	name_table_free(&t);
}
END_TEST

/* Reserved once, a table in an arena takes one array for all its
 * entries, and the puts that follow never move them. */
START_TEST(reserve_sizes_once)
{
	pd_arena *a = pd_arena_new();
	mixed_table t;
	pair *first;
	size_t used;
	uint64_t k;
	bool fresh;

	ck_assert_ptr_nonnull(a);
	mixed_table_init(&t, a);
	ck_assert_int_eq(mixed_table_reserve(&t, 1000), 0);
	used = pd_arena_used(a);
	ck_assert_uint_ge(t.raw.cap, 2000);
	first = mixed_table_put(&t, 0, &fresh);
	ck_assert_ptr_nonnull(first);
	first->key = 0;
	for (k = 1; k < 1000; k++) {
		pair *e = mixed_table_put(&t, k, &fresh);

		ck_assert_ptr_nonnull(e);
		ck_assert(fresh);
		e->key = k;
		e->value = k * 3;
	}
	ck_assert_ptr_eq(mixed_table_get(&t, 0), first);
	ck_assert_uint_eq(pd_arena_used(a), used);
	for (k = 1; k < 1000; k++)
		ck_assert_uint_eq(mixed_table_get(&t, k)->value, k * 3);
	ck_assert_int_eq(mixed_table_reserve(&t, 10), 0); /* never shrinks */
	ck_assert_uint_eq(mixed_table_count(&t), 1000);
	pd_arena_free(a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("table");
	TCase *tc = tcase_create("table");

	tcase_add_loop_test(tc, puts_gets_and_removes_agree_with_a_model, 0,
			    2);
	tcase_add_test(tc, keys_can_be_strings);
	tcase_add_test(tc, reserve_sizes_once);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
