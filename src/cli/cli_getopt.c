/*
 * cli_getopt.c: a command's options, with the global options taken
 * wherever they stand on the line (as git takes them before the command
 * only, profdiff takes them anywhere), and a suggestion for an option
 * mistyped.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "suggest.h"

enum { OPT_COLOR = 0x1000, OPT_NO_PAGER };

static const struct option globals[] = {
	{"color", required_argument, NULL, OPT_COLOR},
	{"no-pager", no_argument, NULL, OPT_NO_PAGER},
	{NULL, 0, NULL, 0}};

int pd_cli_set_color(pd_cli *c, const char *when)
{
	if (strcmp(when, "auto") == 0)
		c->color_mode = COLOR_AUTO;
	else if (strcmp(when, "always") == 0)
		c->color_mode = COLOR_ALWAYS;
	else if (strcmp(when, "never") == 0)
		c->color_mode = COLOR_NEVER;
	else {
		pd_cli_error("--color takes auto, always or never, not '%s'",
			     when);
		return -1;
	}
	return 0;
}

int pd_cli_chdir(pd_cli *c, const char *dir)
{
	if (chdir(dir) < 0) {
		pd_cli_error("cannot change to '%s': %s", dir, strerror(errno));
		return -1;
	}
	c->dir = dir;
	return 0;
}

void pd_cli_opts_init(pd_cli_opts *o, pd_cli *c, const char *cmd,
		      const char *shortopts, const struct option *longopts)
{
	size_t n = 0, k;

	memset(o, 0, sizeof(*o));
	o->c = c;
	o->cmd = cmd;
	/* ':' first: a missing value is told from an unknown option */
	snprintf(o->shortopts, sizeof(o->shortopts), ":%sC:", shortopts);
	for (k = 0; longopts[k].name && n + 1 < PD_CLI_MAX_OPTIONS; k++)
		o->all[n++] = longopts[k];
	for (k = 0; globals[k].name && n + 1 < PD_CLI_MAX_OPTIONS; k++)
		o->all[n++] = globals[k];
	memset(&o->all[n], 0, sizeof(o->all[n]));
	optind = 1;
	opterr = 0;
}

/* The option argv[i] names, without its dashes and value. */
static void name_of(const char *arg, char *out, size_t size)
{
	size_t n;

	while (*arg == '-')
		arg++;
	n = strcspn(arg, "=");
	if (n >= size)
		n = size - 1;
	memcpy(out, arg, n);
	out[n] = '\0';
}

static void unknown(const pd_cli_opts *o, const char *arg)
{
	const char *names[PD_CLI_MAX_OPTIONS];
	const char *pick;
	char name[128];
	size_t n = 0;

	for (; o->all[n].name; n++)
		names[n] = o->all[n].name;
	name_of(arg, name, sizeof(name));
	pick = strncmp(arg, "--", 2) == 0 ? pd_suggest(name, names, n) : NULL;
	if (pick)
		pd_cli_error("%s: unknown option '%s'; did you mean '--%s'? "
			     "(see 'profdiff %s --help')",
			     o->cmd, arg, pick, o->cmd);
	else
		pd_cli_error("%s: unknown option or missing value: '%s' (see "
			     "'profdiff %s --help')",
			     o->cmd, arg, o->cmd);
}

int pd_cli_getopt(pd_cli_opts *o, int argc, char **argv)
{
	for (;;) {
		int opt = getopt_long(argc, argv, o->shortopts, o->all, NULL);

		switch (opt) {
		case 'C':
			if (pd_cli_chdir(o->c, optarg) < 0)
				return '?';
			continue;
		case OPT_COLOR:
			if (pd_cli_set_color(o->c, optarg) < 0)
				return '?';
			continue;
		case OPT_NO_PAGER:
			continue; /* main saw it: the pager starts before */
		case ':':
			pd_cli_error("%s: '%s' needs a value (see 'profdiff %s "
				     "--help')",
				     o->cmd, argv[optind - 1], o->cmd);
			return '?';
		case '?':
			unknown(o, argv[optind - 1]);
			return '?';
		default:
			return opt;
		}
	}
}
