/*
 * worddiff.c: a word-level diff of two sentences (worddiff.h).
 *
 * The texts are cut into units: runs of letters and digits, single
 * punctuation marks, and runs of white space. Units compare by their exact
 * bytes, so that every piece the diff keeps is the same text on both sides:
 * the kept and removed pieces join into the first sentence exactly, the
 * kept and added ones into the second, spaces and case included.
 *
 * A change is shown as one removed and one added run: the white space kept
 * between two changed words goes into both ("[-A B-]{+C D+}", not
 * "[-A-]{+C+} [-B-]{+D+}").
 *
 * The common head and tail are trimmed first; what is left goes through
 * Myers' greedy O((N+M)D) algorithm, keeping the frontier of every step to
 * walk the script back. Sentences are short, so D is small; two guards
 * bound the work on hostile input: the unit counts must not multiply past
 * the caller's budget, and D must stay under MAX_D. Past either, the
 * caller is told (`cut`) and no runs are made.
 */
#include <stdlib.h>
#include <string.h>

#include <xxhash.h>

#include "profdiff/worddiff.h"
#include "profdiff/text.h"
#include "grow.h"

#define MAX_D 2000

typedef struct unit {
	size_t start, end;
	uint64_t key;
} unit;

static bool is_space_cp(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0;
}

static bool is_word_cp(int32_t c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9'))
		return true;
	if (c < 0x80)
		return false;
	/* general punctuation, quotes and dashes are not letters */
	if ((c >= 0x2000 && c <= 0x206F) || c == 0xA0 || c == 0xAB ||
	    c == 0xBB)
		return false;
	return true;
}

/* The units of s, in an array the caller frees (temporaries of one word
 * diff: the result's arena does not keep them). NULL when out of memory. */
static unit *cut_units(const char *s, size_t len, size_t *n)
{
	unit *v = NULL;
	size_t cap = 0, cnt = 0, i = 0;

	while (i < len) {
		int32_t c;
		size_t w = pd_utf8_decode(s + i, len - i, &c), start = i;
		unit *u;

		i += w;
		if (is_space_cp(c))
			while (i < len) {
				w = pd_utf8_decode(s + i, len - i, &c);
				if (!is_space_cp(c))
					break;
				i += w;
			}
		else if (is_word_cp(c))
			while (i < len) {
				w = pd_utf8_decode(s + i, len - i, &c);
				/* "37.5" and "400,000" are one number */
				if ((c == '.' || c == ',') && i + 1 < len &&
				    s[i - 1] >= '0' && s[i - 1] <= '9' &&
				    s[i + 1] >= '0' && s[i + 1] <= '9') {
					i++;
					continue;
				}
				if (!is_word_cp(c))
					break;
				i += w;
			}
		if (PD_GROW(v, cnt, cap) < 0) {
			free(v);
			return NULL;
		}
		u = &v[cnt++];
		u->start = start;
		u->end = i;
		u->key = XXH3_64bits(s + start, i - start);
	}
	*n = cnt;
	if (!v && !(v = malloc(sizeof(unit))))
		pd_error_oom();
	return v;
}

typedef struct ops {
	pd_arena *a;
	pd_word_op *v;
	size_t n, cap;
	const char *sa, *sb;
	const unit *ua, *ub;
} ops;

/* Appends units [from, to) of one side as a run of `op`, merging with the
 * previous run of the same kind. */
static int emit(ops *o, char op, size_t from, size_t to)
{
	const char *s = op == '+' ? o->sb : o->sa;
	const unit *u = op == '+' ? o->ub : o->ua;
	size_t b, e;

	if (from >= to)
		return 0;
	b = u[from].start;
	e = u[to - 1].end;
	if (o->n && o->v[o->n - 1].op == op) {
		pd_word_op *last = &o->v[o->n - 1];
		size_t l = strlen(last->text);
		char *t = pd_arena_alloc(o->a, l + (e - b) + 1);

		if (!t)
			return PD_ENOMEM;
		memcpy(t, last->text, l);
		memcpy(t + l, s + b, e - b);
		last->text = t;
		return 0;
	}
	if (PD_ARENA_GROW(o->a, o->v, o->n, o->cap) < 0)
		return PD_ENOMEM;
	o->v[o->n].op = op;
	o->v[o->n].text = pd_arena_strndup(o->a, s + b, e - b);
	if (!o->v[o->n].text)
		return PD_ENOMEM;
	o->n++;
	return 0;
}

static bool all_space(const char *s)
{
	size_t len = strlen(s), i = 0;

	while (i < len) {
		int32_t c;

		i += pd_utf8_decode(s + i, len - i, &c);
		if (!is_space_cp(c))
			return false;
	}
	return true;
}

/* Concatenation of a and b in the arena. */
static char *concat(pd_arena *a, const char *x, const char *y)
{
	size_t lx = x ? strlen(x) : 0, ly = strlen(y);
	char *t = pd_arena_alloc(a, lx + ly + 1);

	if (!t)
		return NULL;
	if (lx)
		memcpy(t, x, lx);
	memcpy(t + lx, y, ly + 1);
	return t;
}

/* Each stretch of changes, with the white space kept between them, becomes
 * one removed run then one added run. */
static int join_changes(ops *o)
{
	size_t i = 0, n = 0;

	while (i < o->n) {
		size_t j = i, last = i;
		char *minus = NULL, *plus = NULL;
		bool del = false, ins = false;

		if (o->v[i].op == '=') {
			o->v[n++] = o->v[i++];
			continue;
		}
		/* the stretch: changes, and white space between changes */
		for (j = i; j < o->n; j++) {
			if (o->v[j].op != '=') {
				last = j;
				del |= o->v[j].op == '-';
				ins |= o->v[j].op == '+';
			} else if (!all_space(o->v[j].text)) {
				break;
			}
		}
		if (!del || !ins) {
			/* only removed or only added: as it is */
			for (j = i; j <= last; j++)
				o->v[n++] = o->v[j];
			i = last + 1;
			continue;
		}
		for (j = i; j <= last; j++) {
			const pd_word_op *w = &o->v[j];

			if (w->op != '+' && !(minus = concat(o->a, minus, w->text)))
				return PD_ENOMEM;
			if (w->op != '-' && !(plus = concat(o->a, plus, w->text)))
				return PD_ENOMEM;
		}
		if (minus) {
			o->v[n].op = '-';
			o->v[n++].text = minus;
		}
		if (plus) {
			o->v[n].op = '+';
			o->v[n++].text = plus;
		}
		i = last + 1;
	}
	o->n = n;
	return 0;
}

/* One step of an edit script: a run of kept units, one removed unit or
 * one added unit. */
typedef struct step {
	char op;
	long from, to; /* '=' and '-': a units; '+': b units */
} step;

static bool unit_eq(const ops *o, const unit *a, const unit *b)
{
	return a->key == b->key && a->end - a->start == b->end - b->start &&
	       memcmp(o->sa + a->start, o->sb + b->start,
		      a->end - a->start) == 0;
}

static bool key_eq(const ops *o, size_t lo_a, size_t lo_b, long x, long y)
{
	return unit_eq(o, &o->ua[lo_a + (size_t)x], &o->ub[lo_b + (size_t)y]);
}

/* Myers on a[lo_a..hi_a) and b[lo_b..hi_b); emits the script. Returns 1
 * when D passes MAX_D (nothing emitted), else 0 or PD_ENOMEM. */
static int myers(ops *o, size_t lo_a, size_t hi_a, size_t lo_b, size_t hi_b)
{
	long n = (long)(hi_a - lo_a), m = (long)(hi_b - lo_b);
	long max = n + m, dmax = max < MAX_D ? max : MAX_D;
	long d, k, x, y, nsteps = 0, i;
	long *v, **trace;
	step *steps = NULL;
	int err = 0;

	if (max == 0)
		return 0;
	v = calloc((size_t)(2 * max + 3), sizeof(*v));
	trace = calloc((size_t)dmax + 1, sizeof(*trace));
	if (!v || !trace) {
		free(v);
		free(trace);
		return pd_error_oom();
	}
	v += max + 1; /* v[k] for k in [-max-1, max+1] */
	for (d = 0;; d++) {
		bool done = false;

		if (d > dmax) {
			err = 1;
			goto out;
		}
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[k - 1] < v[k + 1]))
				x = v[k + 1];
			else
				x = v[k - 1] + 1;
			y = x - k;
			while (x < n && y < m && key_eq(o, lo_a, lo_b, x, y)) {
				x++;
				y++;
			}
			v[k] = x;
			if (x >= n && y >= m)
				done = true;
		}
		trace[d] = malloc((size_t)(2 * d + 1) * sizeof(long));
		if (!trace[d]) {
			err = pd_error_oom();
			goto out;
		}
		memcpy(trace[d], v - d, (size_t)(2 * d + 1) * sizeof(long));
		if (done)
			break;
	}
	/* walk back from (n, m): each step d is one edit then a snake */
	steps = malloc((size_t)(2 * d + 1) * sizeof(*steps));
	if (!steps) {
		err = pd_error_oom();
		goto out;
	}
	x = n;
	y = m;
	for (; d > 0; d--) {
		const long *vp = trace[d - 1] + (d - 1); /* vp[k], |k| < d */
		long pk, px, py, ex;
		bool down;

		k = x - y;
		down = k == -d || (k != d && vp[k - 1] < vp[k + 1]);
		pk = down ? k + 1 : k - 1;
		px = vp[pk];
		py = px - pk;
		ex = down ? px : px + 1; /* where the edit ends */
		steps[nsteps].op = '=';
		steps[nsteps].from = ex;
		steps[nsteps++].to = x;
		steps[nsteps].op = down ? '+' : '-';
		steps[nsteps].from = down ? py : px;
		steps[nsteps++].to = (down ? py : px) + 1;
		x = px;
		y = py;
	}
	steps[nsteps].op = '=';
	steps[nsteps].from = 0;
	steps[nsteps++].to = x;
	for (i = nsteps - 1; i >= 0 && !err; i--) {
		const step *st = &steps[i];

		if (st->op == '+')
			err = emit(o, '+', lo_b + (size_t)st->from,
				   lo_b + (size_t)st->to);
		else
			err = emit(o, st->op, lo_a + (size_t)st->from,
				   lo_a + (size_t)st->to);
	}
out:
	for (k = 0; k <= dmax; k++)
		free(trace[k]);
	free(trace);
	free(steps);
	free(v - (max + 1));
	return err;
}

int pd_worddiff(pd_arena *a, const char *sa, size_t alen, const char *sb,
		size_t blen, size_t budget, pd_word_op **out, size_t *n,
		bool *cut)
{
	ops o;
	unit *ua, *ub;
	size_t na, nb, head = 0, tail = 0;
	int err;

	memset(&o, 0, sizeof(o));
	*out = NULL;
	*n = 0;
	*cut = false;
	o.a = a;
	o.sa = sa;
	o.sb = sb;
	o.ua = ua = cut_units(sa, alen, &na);
	o.ub = ub = cut_units(sb, blen, &nb);
	if (!ua || !ub) {
		err = PD_ENOMEM; /* recorded */
		goto done;
	}
	while (head < na && head < nb && unit_eq(&o, &o.ua[head], &o.ub[head]))
		head++;
	while (tail < na - head && tail < nb - head &&
	       unit_eq(&o, &o.ua[na - 1 - tail], &o.ub[nb - 1 - tail]))
		tail++;
	if (budget && (na - head - tail) &&
	    (nb - head - tail) > budget / (na - head - tail)) {
		*cut = true;
		err = 0;
		goto done;
	}
	if ((err = emit(&o, '=', 0, head)) < 0)
		goto done;
	err = myers(&o, head, na - tail, head, nb - tail);
	if (err == 1) {
		*cut = true;
		err = 0;
		goto done;
	}
	if (err < 0)
		goto done;
	if ((err = emit(&o, '=', na - tail, na)) < 0 ||
	    (err = join_changes(&o)) < 0)
		goto done;
	*out = o.v;
	*n = o.n;
done:
	free(ua);
	free(ub);
	return err;
}
