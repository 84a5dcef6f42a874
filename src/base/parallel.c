/*
 * parallel.c: the parallel-for of parallel.h, on POSIX threads.
 */
#include <stdbool.h>
#include <unistd.h>

#include "parallel.h"

size_t pd_parallel_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 1 ? (size_t)n : 1;
}

static void *work(void *arg)
{
	pd_parallel *p = arg;
	size_t chunk = p->chunk ? p->chunk : 1, from;
	void *state = NULL;
	int began = 0;

	while ((from = atomic_fetch_add(&p->next_, chunk)) < p->n) {
		size_t to = p->n - from > chunk ? from + chunk : p->n;

		if (!began && p->begin)
			state = p->begin(p->ctx);
		began = 1;
		p->body(p->ctx, state, from, to);
	}
	if (began && p->end)
		p->end(p->ctx, state);
	return NULL;
}

/* Starts the threads of a run: as many as asked, cores and chunks allow,
 * the calling thread counting as one. `late`: the calling thread has other
 * work first, so one more thread than there are chunks may start. */
static void start(pd_parallel *p, bool late)
{
	size_t chunk = p->chunk ? p->chunk : 1;
	size_t chunks = p->n / chunk + (p->n % chunk != 0) + late;
	size_t want = pd_parallel_cores(), k;

	atomic_init(&p->next_, 0);
	p->started_ = 0;
	if (p->threads && want > p->threads)
		want = p->threads;
	if (want > PD_PARALLEL_MAX)
		want = PD_PARALLEL_MAX;
	if (want > chunks)
		want = chunks;
	for (k = 1; k < want; k++)
		if (pthread_create(&p->tid_[p->started_], NULL, work, p) == 0)
			p->started_++;
}

void pd_parallel_start(pd_parallel *p)
{
	start(p, true);
}

void pd_parallel_finish(pd_parallel *p)
{
	size_t k;

	work(p); /* this thread too: with no other, it does them all */
	for (k = 0; k < p->started_; k++)
		pthread_join(p->tid_[k], NULL);
	p->started_ = 0;
}

void pd_parallel_run(pd_parallel *p)
{
	start(p, false);
	pd_parallel_finish(p);
}
