/*
 * cmd_complete.c: profdiff __complete WORD... (hidden), what the bash, zsh
 * and fish completions ask.
 *
 * The words are those of the command line after "profdiff", the last the
 * one being completed (empty for a new word). The answer is a line a
 * candidate, "candidate<TAB>what it is", or __files / __dirs for the
 * shell's own file or directory names. Commands and their summaries come
 * from the command table, options from each command's --help (the one
 * source of the man pages too), profile names and published dates from
 * the repository: the shell scripts hold no list of their own.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The global options and whether each takes a value. */
static const char *const globals[] = {
	"-C\t1\trun as if started in DIR",
	"--color\t1\tcolour output: auto, always, never",
	"--no-pager\t0\tdo not send long output to a pager"};

/* The options of a command's --help: "  -o, --output F   text" gives -o
 * and --output, taking a value; each "name\tvalue?\ttext" into `out`. */
static void options_of(const pd_cli_command *cmd, pd_cli *c, pd_buf *out)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0;
	char *argv[] = {(char *)cmd->name, "--help", NULL};
	FILE *mem = open_memstream(&text, &len), *saved = stdout;

	if (!mem)
		return;
	fflush(stdout);
	stdout = mem;
	cmd->fn(2, argv, c);
	stdout = saved;
	fclose(mem);
	/* an option's text continued on lines indented further: one line */
	for (char *nl = text; text && (nl = strchr(nl, '\n'));) {
		size_t ind = strspn(nl + 1, " ");

		if (ind > 4 && nl[1 + ind] && nl[1 + ind] != '-') {
			memmove(nl + 1, nl + 1 + ind, strlen(nl + 1 + ind) + 1);
			*nl = ' ';
		} else {
			nl++;
		}
	}
	for (line = strtok_r(text, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *p = line + strspn(line, " "), *end, *desc, *psave = NULL;

		if (p == line || *p != '-')
			continue;
		end = strstr(p, "  ");
		desc = end ? end + strspn(end, " ") : "";
		if (end)
			*end = '\0';
		/* "-o, --output F": each name, and whether a value follows */
		for (char *part = strtok_r(p, ",", &psave); part;
		     part = strtok_r(NULL, ",", &psave)) {
			size_t n;

			part += strspn(part, " ");
			n = strcspn(part, " =");
			if (part[0] == '-')
				pd_buf_printf(out, "%.*s\t%c\t%s\n", (int)n,
					      part, part[n] ? '1' : '0', desc);
		}
	}
	free(text);
}

/* Whether `word` is an option of the "name\tvalue\t..." lines that takes
 * a value. */
static bool takes_value(const char *opts, const char *word)
{
	size_t n = strlen(word);
	const char *p;

	for (p = opts; (p = strstr(p, word)) != NULL; p += n)
		if ((p == opts || p[-1] == '\n') &&
		    strncmp(p + n, "\t1\t", 3) == 0)
			return true;
	return false;
}

/* The options, "name\ttext" a line. */
static void put_options(pd_buf *out, const pd_buf *opts)
{
	const char *p = opts->ptr, *end = p + opts->len;

	while (p && p < end) {
		const char *tab = memchr(p, '\t', (size_t)(end - p));
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (!tab || !nl || tab + 3 > nl)
			break;
		pd_buf_put(out, p, (size_t)(tab - p));
		pd_buf_put(out, tab + 2, (size_t)(nl - tab - 1));
		p = nl + 1;
	}
}

int pd_cli_complete(int argc, char **argv, const pd_cli_command *cmds,
		    size_t ncmds, pd_cli *c)
{
	const pd_cli_command *cmd = NULL;
	pd_buf out = PD_BUF_INIT, opts = PD_BUF_INIT;
	const char *cur = argc > 1 ? argv[argc - 1] : "", *first = NULL;
	int i, pos = 0;
	size_t k;

	for (k = 0; k < sizeof(globals) / sizeof(globals[0]); k++)
		pd_buf_printf(&opts, "%s\n", globals[k]);
	/* the words before the current one: the command, its options and
	 * their values, the positionals */
	for (i = 1; i < argc - 1; i++) {
		if (argv[i][0] == '-' && argv[i][1]) {
			if (takes_value(opts.ptr, argv[i]) && i + 1 < argc - 1)
				i++;
			else if (takes_value(opts.ptr, argv[i]))
				break; /* the current word is its value */
			continue;
		}
		if (!cmd) {
			for (k = 0; k < ncmds; k++)
				if (!strcmp(cmds[k].name, argv[i]))
					cmd = &cmds[k];
			if (cmd)
				options_of(cmd, c, &opts);
			continue;
		}
		if (!first)
			first = argv[i];
		pos++;
	}
	if (i < argc - 1) {
		/* the value of an option */
		if (!strcmp(argv[i], "-C"))
			pd_buf_puts(&out, "__dirs\n");
		else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output"))
			pd_buf_puts(&out, "__files\n");
	} else if (cur[0] == '-') {
		put_options(&out, &opts);
	} else if (!cmd) {
		for (k = 0; k < ncmds; k++)
			pd_buf_printf(&out, "%s\t%s\n", cmds[k].name,
				      cmds[k].summary);
	} else {
		pd_app_complete_arg(&out, cmd->name, pos, cur,
				    first ? first : "");
	}
	if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
	pd_buf_free(&opts);
	pd_buf_free(&out);
	return EXIT_OK;
}
