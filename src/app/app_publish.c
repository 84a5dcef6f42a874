/*
 * app_publish.c: the facts every gate gives the core's one rule set
 * (gate.h, docs/DESIGN.md, section 8): which revision is published, and a
 * profile as it stands there.
 */
#include <string.h>

#include "profdiff/app.h"

int pd_app_publication(pd_store *s, char *out, size_t size)
{
	return pd_store_publication(s, out, size);
}

int pd_app_published_profile(pd_store *s, const char *pubrev,
			     const char *path, const pd_profile **out)
{
	pd_revision r;
	int err;

	*out = NULL;
	if (!pubrev || !*pubrev)
		return 0;
	err = pd_store_load(s, path, pubrev, &r);
	if (err == PD_ENOTFOUND || err == PD_EINVALID) {
		/* not there, or not a profile there: nothing is published
		 * that a change could break */
		pd_error_clear();
		return 0;
	}
	if (err < 0)
		return err;
	*out = r.profile;
	return 0;
}
