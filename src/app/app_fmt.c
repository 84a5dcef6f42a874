/*
 * app_fmt.c: a profile in canonical form, footnotes renumbered when asked
 * (app.h).
 */
#include "profdiff/app.h"
#include "profdiff/renumber.h"
#include "profdiff/yaml.h"

int pd_app_fmt_text(pd_buf *out, const char *data, size_t len,
		    const char *path, const pd_app_fmt_options *opts)
{
	pd_app_fmt_options def = PD_APP_FMT_OPTIONS_INIT;
	pd_read_options ro = PD_READ_OPTIONS_INIT;
	pd_profile *p = NULL;
	int err;

	if (!opts)
		opts = &def;
	ro.vocab = opts->vocab;
	if ((err = pd_yaml_read(&p, data, len, path, &ro)) == 0 &&
	    (!opts->renumber || (err = pd_renumber_profile(p, path, NULL)) == 0))
		err = pd_yaml_write(out, p);
	pd_profile_free(p);
	return err;
}
