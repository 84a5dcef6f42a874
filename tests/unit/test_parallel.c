/*
 * test_parallel.c: the parallel-for (parallel.h): every item done once,
 * each thread's state made and ended once, whatever the chunks and
 * threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "parallel.h"
#include "testutil.h"

typedef struct job {
	atomic_uint *seen;
	atomic_int states, ended;
	atomic_size_t items_in_states;
} job;

typedef struct state {
	size_t items;
} state;

static void *begin(void *ctx)
{
	job *j = ctx;
	state *s = calloc(1, sizeof(*s));

	atomic_fetch_add(&j->states, 1);
	return s;
}

static void body(void *ctx, void *st, size_t from, size_t to)
{
	job *j = ctx;
	state *s = st;
	size_t i;

	ck_assert_uint_lt(from, to);
	for (i = from; i < to; i++) {
		atomic_fetch_add(&j->seen[i], 1);
		s->items++;
	}
}

static void end(void *ctx, void *st)
{
	job *j = ctx;
	state *s = st;

	atomic_fetch_add(&j->items_in_states, s->items);
	atomic_fetch_add(&j->ended, 1);
	free(s);
}

static void run(size_t n, size_t chunk, size_t threads, bool two_steps)
{
	pd_parallel p = PD_PARALLEL_INIT;
	job j;
	size_t i;

	memset(&j, 0, sizeof(j));
	j.seen = calloc(n + 1, sizeof(*j.seen));
	p.n = n;
	p.chunk = chunk;
	p.threads = threads;
	p.ctx = &j;
	p.begin = begin;
	p.body = body;
	p.end = end;
	if (two_steps) {
		pd_parallel_start(&p);
		pd_parallel_finish(&p);
	} else {
		pd_parallel_run(&p);
	}
	for (i = 0; i < n; i++)
		ck_assert_uint_eq(atomic_load(&j.seen[i]), 1);
	ck_assert_int_eq(atomic_load(&j.states), atomic_load(&j.ended));
	ck_assert_int_le(atomic_load(&j.states),
			 threads ? (int)threads : PD_PARALLEL_MAX);
	ck_assert_uint_eq(atomic_load(&j.items_in_states), n);
	if (!n)
		ck_assert_int_eq(atomic_load(&j.states), 0);
	free(j.seen);
}

START_TEST(every_item_once)
{
	static const size_t sizes[] = {0, 1, 2, 7, 100, 4097};
	static const size_t chunks[] = {0, 1, 3, 64, 5000};
	static const size_t threads[] = {0, 1, 2, 8, 100};
	size_t a, b, c;

	for (a = 0; a < sizeof(sizes) / sizeof(sizes[0]); a++)
		for (b = 0; b < sizeof(chunks) / sizeof(chunks[0]); b++)
			for (c = 0; c < sizeof(threads) / sizeof(threads[0]);
			     c++)
				run(sizes[a], chunks[b], threads[c], c & 1);
}
END_TEST

/* one chunk: one thread, the calling one */
static pthread_t caller;

static void same_thread(void *ctx, void *st, size_t from, size_t to)
{
	(void)ctx;
	(void)st;
	(void)from;
	(void)to;
	ck_assert(pthread_equal(pthread_self(), caller));
}

START_TEST(one_chunk_runs_on_the_calling_thread)
{
	pd_parallel p = PD_PARALLEL_INIT;

	caller = pthread_self();
	p.n = 10;
	p.chunk = 10;
	p.body = same_thread;
	pd_parallel_run(&p);
	ck_assert_uint_ge(pd_parallel_cores(), 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("parallel");
	TCase *tc = tcase_create("parallel");

	tcase_add_test(tc, every_item_once);
	tcase_add_test(tc, one_chunk_runs_on_the_calling_thread);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
