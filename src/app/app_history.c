/*
 * app_history.c: the published revisions of many profiles, one after the
 * other, with the store's cache policy in one place (app.h).
 *
 * The policy: memory holds one profile's history at a time, so each
 * profile's parsed revisions are forgotten when the next profile is asked
 * for (all but the next profile's, when it was read ahead); and before
 * the first profile, the store reads every profile's versions once in the
 * order they were written (pd_store_prefetch), which it does only when
 * that pays: when a few versions of the first profile, read to judge by,
 * were dear to read (the pack git fast-import writes deltas each blob
 * against the blob written before it, whatever its file). A profile
 * whose history is read from another tip than HEAD is read as it comes:
 * the prefetch reads HEAD's.
 */
#include <stdlib.h>
#include <string.h>

#include "profdiff/app.h"
#include "parallel.h"

/* One profile's revisions as read: the store's array, or the error. */
typedef struct read_result {
	const pd_revision *revs;
	size_t n;
	int err;
	pd_error error;
} read_result;

struct pd_app_history {
	pd_store *s;
	const char *const *paths;
	const char *const *tips;
	const pd_app_progress *progress;
	size_t n;
	size_t next;          /* the index of the next item */
	bool ahead;           /* read_ahead read item `next` */
	bool reading;         /* read_ahead reads it now, on `ra` */
	pd_parallel ra;
	read_result cur, pending;
};

int pd_app_history_new(pd_app_history **out, pd_store *s,
		       const char *const *paths, size_t n,
		       const pd_app_history_options *opts)
{
	pd_app_history *h = calloc(1, sizeof(*h));

	*out = NULL;
	if (!h)
		return pd_error_oom();
	h->s = s;
	h->paths = paths;
	h->n = n;
	if (opts) {
		h->tips = opts->tips;
		h->progress = opts->progress;
		pd_store_facts_only(s, opts->facts_only);
	}
	*out = h;
	return 0;
}

static const char *tip_of(const pd_app_history *h, size_t i)
{
	return h->tips ? h->tips[i] : NULL;
}

/* Reads profile i's published revisions into *r. */
static void read_profile(pd_app_history *h, size_t i, read_result *r)
{
	const char *tip = tip_of(h, i);
	char hex[41];

	memset(r, 0, sizeof(*r));
	if (!tip)
		r->err = pd_store_published(h->s, h->paths[i], &r->revs, &r->n);
	else if ((r->err = pd_store_commit_id(h->s, tip, hex)) == 0)
		r->err = pd_store_published_at(h->s, hex, h->paths[i],
						&r->revs, &r->n);
	if (r->err < 0) {
		r->error = *pd_error_last();
		r->revs = NULL;
		r->n = 0;
	}
}

static void read_next(void *ctx, void *state, size_t from, size_t to)
{
	pd_app_history *h = ctx;

	(void)state;
	(void)from;
	(void)to;
	/* the memory the last profile's versions took in the store goes
	 * back here, off the caller's thread, before it fills again */
	pd_store_give_back(h->s);
	read_profile(h, h->next, &h->pending);
}

void pd_app_history_read_ahead(pd_app_history *h)
{
	if (h->ahead || h->reading || h->next >= h->n)
		return;
	memset(&h->ra, 0, sizeof(h->ra));
	h->ra.n = 1;
	h->ra.ctx = h;
	h->ra.body = read_next;
	pd_parallel_start(&h->ra);
	h->reading = true;
}

/* The read read_ahead began, done. */
static void read_ahead_done(pd_app_history *h)
{
	if (!h->reading)
		return;
	pd_parallel_finish(&h->ra);
	h->reading = false;
	h->ahead = true;
}

int pd_app_history_next(pd_app_history *h, pd_app_history_item *item)
{
	size_t i = h->next;
	int err;

	read_ahead_done(h);
	memset(item, 0, sizeof(*item));
	if (i >= h->n) {
		if (i > 0)
			pd_store_forget(h->s);
		return 0;
	}
	if (h->ahead) {
		/* the previous profile is done: only this one's revisions
		 * stay */
		h->cur = h->pending;
		h->ahead = false;
		if (h->cur.err == 0 &&
		    (err = pd_store_forget_except(h->s, h->paths[i])) < 0) {
			h->cur.err = err;
			h->cur.error = *pd_error_last();
			h->cur.revs = NULL;
			h->cur.n = 0;
		} else if (h->cur.err < 0) {
			pd_store_forget(h->s);
		}
	} else {
		if (i > 0)
			pd_store_forget(h->s);
		/* when versions are dear to read, every profile's are read
		 * once, in the order they were written, before the first */
		if (i == 0 && h->n > 1 && !tip_of(h, 0) &&
		    (err = pd_store_prefetch(h->s, NULL, h->paths, h->n)) < 0)
			return err;
		read_profile(h, i, &h->cur);
	}
	h->next = i + 1;
	if (h->progress && h->progress->fn)
		h->progress->fn(h->progress->ctx, i + 1, h->n);
	item->index = i;
	item->path = h->paths[i];
	item->revs = h->cur.revs;
	item->n = h->cur.n;
	item->err = h->cur.err;
	item->error = h->cur.err < 0 ? &h->cur.error : NULL;
	return 1;
}

void pd_app_history_free(pd_app_history *h)
{
	if (!h)
		return;
	read_ahead_done(h);
	free(h);
}
