/*
 * parallel.h: the one way profdiff shares work out among the cores.
 *
 * A parallel-for over items 0..n-1: each thread takes the next `chunk`
 * items in order (an atomic counter), calls `body` on them, and takes more
 * until none is left. The calling thread is one of the threads, so that
 * with one core, or a machine that cannot start a thread, everything is
 * still done, in order, on this one. Threads may keep a state of their
 * own across the items they take (a differ with its memos, a repository
 * opened again, a buffer): `begin` makes it before a thread's first item
 * and `end` ends it after its last.
 *
 *	pd_parallel p = PD_PARALLEL_INIT;
 *	p.n = n;
 *	p.ctx = &job;
 *	p.body = lint_some;
 *	pd_parallel_run(&p);
 *
 * pd_parallel_start() and pd_parallel_finish() are the same in two steps,
 * for a caller that has other work to do first (the changelog reads the
 * next profile's history while the other cores diff this one's):
 * start sets the other threads going, finish makes this thread join in
 * and returns when every item is done.
 */
#ifndef PROFDIFF_PARALLEL_H
#define PROFDIFF_PARALLEL_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>

/* past this, more threads only wait on one another here */
#define PD_PARALLEL_MAX 8

typedef struct pd_parallel {
	size_t n;       /* items */
	size_t chunk;   /* items taken at a time (0: 1) */
	size_t threads; /* at most this many, this one included (0: no
			 * limit); never more than there are cores, than
			 * PD_PARALLEL_MAX, or than there are chunks (one
			 * more after pd_parallel_start, whose caller joins
			 * late) */
	void *ctx;
	/* a thread's own state (NULL: none); begin may return NULL */
	void *(*begin)(void *ctx);
	void (*body)(void *ctx, void *state, size_t from, size_t to);
	void (*end)(void *ctx, void *state);
	/* the run's own */
	atomic_size_t next_;
	pthread_t tid_[PD_PARALLEL_MAX - 1];
	size_t started_;
} pd_parallel;

#define PD_PARALLEL_INIT {0}

/* The number of cores online (1 at least). */
size_t pd_parallel_cores(void);

/* Calls body on every item, on up to p->threads threads; returns when all
 * are done. It cannot fail: a thread that cannot start leaves its share to
 * the others. */
void pd_parallel_run(pd_parallel *p);

/* pd_parallel_run in two steps: start sets the other threads going (none
 * on one core); finish runs the items that are left on this thread, and
 * returns when every item is done. Between the two, the caller may do
 * anything but touch the items. */
void pd_parallel_start(pd_parallel *p);
void pd_parallel_finish(pd_parallel *p);

#endif
