/*
 * table.h: the one hash table of profdiff, typed.
 *
 *	PD_TABLE(name, T, K, key_of, hash, eq)
 *
 * defines the type `name`, a table of entries of type T found by a key of
 * type K, and its functions (static inline, so a table costs no call):
 *
 *	key_of(const T *e)   the key of entry e, a K
 *	hash(K k)            a uint64_t: any well-mixed hash (XXH3 of the
 *	                     bytes, the first bytes of an object id)
 *	eq(K a, K b)         whether two keys are the same
 *
 * The entries lie in one array with open addressing and linear probing,
 * at most half full; beside it, a byte per slot holds 0 for an empty slot,
 * or 0x80 and seven bits of the hash, so that a probe past other keys
 * rarely reads their entries. Entries are T itself, not pointers to it:
 * a table of pointers is a table whose T is a pointer. Growing moves the
 * entries: a pointer to an entry is good until the next put.
 *
 * Memory comes from an arena given at init (freed with it; the table's
 * old arrays stay there until then) or, without one, from malloc. A put
 * that cannot grow the table records PD_ENOMEM and returns NULL; the
 * table is as it was.
 *
 * Functions, for a table t of type `name`:
 *	void name_init(name *t, pd_arena *a)    a: NULL for malloc
 *	void name_free(name *t)                 (nothing for an arena's)
 *	void name_clear(name *t)                empty, memory kept
 *	int name_reserve(name *t, size_t n)     room for n entries without
 *	                                        growing: 0, or PD_ENOMEM
 *	T *name_get(const name *t, K k)         the entry, or NULL
 *	T *name_put(name *t, K k, bool *fresh)  the entry, made (zeroed;
 *	                                        the caller sets its key)
 *	                                        when *fresh, or NULL
 *	void name_remove(name *t, T *e)         e from name_get or name_put
 *	T *name_at(const name *t, size_t i)     slot i < t->cap, or NULL
 *	                                        when empty: for iteration
 *
 * Iteration by name_at goes in slot order, which depends on the hashes:
 * output that must not depend on them sorts what it takes.
 */
#ifndef PROFDIFF_TABLE_H
#define PROFDIFF_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/arena.h"
#include "profdiff/error.h"

/* The type-free part, in table.c. */
typedef struct pd_table_raw {
	unsigned char *meta; /* cap bytes: 0 empty, else 0x80 | hash bits */
	void *v;             /* cap entries */
	size_t cap;          /* 0, or a power of two */
	size_t n;
	pd_arena *arena;     /* NULL: malloc */
} pd_table_raw;

/* The arrays for `cap` entries of `size` bytes, zeroed: 0, or PD_ENOMEM
 * recorded. */
int pd_table_raw_alloc(pd_table_raw *t, size_t cap, size_t size,
		       unsigned char **meta, void **v);
void pd_table_raw_release(pd_table_raw *t, unsigned char *meta, void *v);

#define PD_TABLE_META(h) ((unsigned char)(0x80u | ((h) >> 57)))

#define PD_TABLE(name, T, K, key_of, hash, eq)                                 \
	typedef struct name {                                                  \
		pd_table_raw raw;                                              \
	} name;                                                                \
                                                                               \
	static inline __attribute__((unused)) void name##_init(name *t,        \
							       pd_arena *a)    \
	{                                                                      \
		memset(t, 0, sizeof(*t));                                      \
		t->raw.arena = a;                                              \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) void name##_free(name *t)        \
	{                                                                      \
		pd_table_raw_release(&t->raw, t->raw.meta, t->raw.v);          \
		t->raw.meta = NULL;                                            \
		t->raw.v = NULL;                                               \
		t->raw.cap = t->raw.n = 0;                                     \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) void name##_clear(name *t)       \
	{                                                                      \
		if (t->raw.cap)                                                \
			memset(t->raw.meta, 0, t->raw.cap);                    \
		t->raw.n = 0;                                                  \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) size_t name##_count(             \
		const name *t)                                                 \
	{                                                                      \
		return t->raw.n;                                               \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) T *name##_at(const name *t,      \
							   size_t i)           \
	{                                                                      \
		return t->raw.meta[i] ? (T *)t->raw.v + i : NULL;              \
	}                                                                      \
                                                                               \
	/* the slot of k: where it is, or the empty slot where it goes */      \
	static inline size_t name##_slot_(const pd_table_raw *r, K k,          \
					  uint64_t h)                          \
	{                                                                      \
		size_t mask = r->cap - 1, i = (size_t)h & mask;                \
		unsigned char m = PD_TABLE_META(h);                            \
                                                                               \
		for (; r->meta[i]; i = (i + 1) & mask)                         \
			if (r->meta[i] == m &&                                 \
			    eq(key_of(((const T *)r->v + i)), k))              \
				break;                                         \
		return i;                                                      \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) T *name##_get(const name *t,     \
							    K k)               \
	{                                                                      \
		size_t i;                                                      \
                                                                               \
		if (!t->raw.n)                                                 \
			return NULL;                                           \
		i = name##_slot_(&t->raw, k, (uint64_t)hash(k));               \
		return t->raw.meta[i] ? (T *)t->raw.v + i : NULL;              \
	}                                                                      \
                                                                               \
	static inline int name##_grow_to_(name *t, size_t ncap)                \
	{                                                                      \
		pd_table_raw *r = &t->raw;                                     \
		size_t i;                                                      \
		unsigned char *meta;                                           \
		T *v;                                                          \
		void *vv;                                                      \
                                                                               \
		if (pd_table_raw_alloc(r, ncap, sizeof(T), &meta, &vv) < 0)    \
			return PD_ENOMEM;                                      \
		v = vv;                                                        \
		for (i = 0; i < r->cap; i++) {                                 \
			const T *e = (const T *)r->v + i;                      \
			uint64_t h;                                            \
			size_t j;                                              \
                                                                               \
			if (!r->meta[i])                                       \
				continue;                                      \
			h = (uint64_t)hash(key_of(e));                         \
			for (j = (size_t)h & (ncap - 1); meta[j];              \
			     j = (j + 1) & (ncap - 1))                         \
				;                                              \
			meta[j] = r->meta[i];                                  \
			v[j] = *e;                                             \
		}                                                              \
		pd_table_raw_release(r, r->meta, r->v);                        \
		r->meta = meta;                                                \
		r->v = v;                                                      \
		r->cap = ncap;                                                 \
		return 0;                                                      \
	}                                                                      \
                                                                               \
	static inline int name##_grow_(name *t)                                \
	{                                                                      \
		return name##_grow_to_(t, t->raw.cap ? t->raw.cap * 2 : 16);   \
	}                                                                      \
                                                                               \
	/* room for n entries in all, made at once: an arena's table then   \
	 * leaves no smaller copies behind */                                 \
	static inline __attribute__((unused)) int name##_reserve(name *t,      \
								 size_t n)     \
	{                                                                      \
		size_t ncap = t->raw.cap ? t->raw.cap : 16;                    \
                                                                               \
		if (n > SIZE_MAX / 4)                                          \
			return pd_error_oom();                                 \
		while (ncap < n * 2)                                           \
			ncap *= 2;                                             \
		return ncap == t->raw.cap ? 0 : name##_grow_to_(t, ncap);      \
	}                                                                      \
                                                                               \
	static inline __attribute__((unused)) T *name##_put(name *t, K k,      \
							    bool *fresh)       \
	{                                                                      \
		uint64_t h = (uint64_t)hash(k);                                \
		size_t i;                                                      \
                                                                               \
		if ((t->raw.n + 1) * 2 > t->raw.cap && name##_grow_(t) < 0)    \
			return NULL;                                           \
		i = name##_slot_(&t->raw, k, h);                               \
		*fresh = !t->raw.meta[i];                                      \
		if (*fresh) {                                                  \
			t->raw.meta[i] = PD_TABLE_META(h);                     \
			memset((T *)t->raw.v + i, 0, sizeof(T));               \
			t->raw.n++;                                            \
		}                                                              \
		return (T *)t->raw.v + i;                                      \
	}                                                                      \
                                                                               \
	/* backward shift: the entries after e that probed past its slot     \
	 * move back, so that no probe stops short at the hole */             \
	static inline __attribute__((unused)) void name##_remove(name *t,      \
								 T *e)         \
	{                                                                      \
		pd_table_raw *r = &t->raw;                                     \
		size_t mask = r->cap - 1, i = (size_t)(e - (T *)r->v), j = i;  \
                                                                               \
		for (;;) {                                                     \
			size_t home;                                           \
                                                                               \
			j = (j + 1) & mask;                                    \
			if (!r->meta[j])                                       \
				break;                                         \
			home = (size_t)hash(key_of(((const T *)r->v + j))) &   \
			       mask;                                           \
			/* j stays when its home lies in (i, j] */             \
			if (i <= j ? (i < home && home <= j)                   \
				   : (i < home || home <= j))                  \
				continue;                                      \
			r->meta[i] = r->meta[j];                               \
			((T *)r->v)[i] = ((T *)r->v)[j];                       \
			i = j;                                                 \
		}                                                              \
		r->meta[i] = 0;                                                \
		r->n--;                                                        \
	}

#endif
