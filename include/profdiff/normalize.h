/*
 * normalize.h: the normal form of text behind every identity: claims,
 * sources and laws are the same when their normal forms are.
 */
#ifndef PROFDIFF_NORMALIZE_H
#define PROFDIFF_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "profdiff/buf.h"

enum {
	PD_NORM_MARKERS = 1 << 0 /* drop citation markers "[12]" */
};

/* Appends the normal form of s[0..len) to `out`: Unicode NFKC and case
 * folding (utf8proc), all quotes as ', all dashes as -, white space runs as
 * one space, no space at either end. `s` must be valid UTF-8. Returns 0 or
 * PD_ENOMEM. */
int pd_normalize(pd_buf *out, const char *s, size_t len, unsigned flags);

/* XXH3-64 of the normal form. */
uint64_t pd_fingerprint(const char *s, size_t len, unsigned flags);

/* Appends a URL in normal form: scheme and host lower-cased, the fragment
 * and tracking parameters (utm_*, _gl, _ga, fbclid, gclid, mc_cid, mc_eid)
 * dropped, an empty query or a trailing '/' dropped. */
void pd_url_normalize(pd_buf *out, const char *url, size_t len);

#endif
