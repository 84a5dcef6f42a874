/*
 * fuzz_yaml.c: the YAML reader on arbitrary bytes. An accepted profile
 * must survive the round trip: read(write(p)) equals p, and writing again
 * gives the same bytes. Lint and the diff against itself must not fail.
 * Read going past its errors, it is refused exactly when the read that
 * stops at the first refuses it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/buf.h"
#include "profdiff/diff.h"
#include "profdiff/lint.h"
#include "profdiff/profile.h"
#include "profdiff/yaml.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pd_profile *p = NULL, *q = NULL;
	pd_buf a = PD_BUF_INIT, b = PD_BUF_INIT;
	pd_lint_result *lint = NULL;
	pd_lint_options lopts = PD_LINT_OPTIONS_INIT;
	pd_diff *d = NULL;

	pd_error *errs = NULL;
	size_t nerrs = 0;
	int err;

	/* going past errors ends, and agrees with the read that stops at
	 * the first */
	err = pd_yaml_read_errors(&p, &errs, &nerrs, (const char *)data, size,
				  "fuzz.yaml", NULL, PD_YAML_MAX_ERRORS);
	if ((err == PD_EINVALID) != (nerrs > 0) || nerrs > PD_YAML_MAX_ERRORS)
		abort();
	free(errs);
	pd_profile_free(p);
	p = NULL;
	if (pd_yaml_read(&p, (const char *)data, size, "fuzz.yaml", NULL) != 0)
		return 0;
	if (err != 0)
		abort(); /* read once, refused going past errors */
	if (pd_yaml_write(&a, p) != 0)
		abort();
	if (pd_yaml_read(&q, a.ptr, a.len, "canonical.yaml", NULL) != 0)
		abort(); /* the writer produced YAML the reader refuses */
	if (!pd_profile_equal(p, q))
		abort();
	if (pd_yaml_write(&b, q) != 0 || a.len != b.len ||
	    memcmp(a.ptr, b.ptr, a.len) != 0)
		abort(); /* canonical form is not a fixed point */
	if (pd_lint(&lint, p, &lopts) == 0)
		pd_lint_result_free(lint);
	if (pd_diff_profiles(&d, p, q, NULL) == 0) {
		if (d->substantive != 0)
			abort(); /* a profile differs from its own round trip */
		pd_diff_free(d);
	}
	pd_buf_free(&a);
	pd_buf_free(&b);
	pd_profile_free(q);
	pd_profile_free(p);
	return 0;
}
