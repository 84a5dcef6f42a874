/*
 * cmd_import.c: profdiff import PAGE.txt... [--country NAME] [-o FILE|DIR]
 *
 * Reads published pages into profiles. The YAML goes to standard output
 * (one page), to FILE, or into DIR as <slug>.yaml (several pages); the
 * review report (each law and treaty found, with its sentence, and the
 * importer's remarks) goes to standard error unless --quiet.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/page_import.h"
#include "profdiff/store.h"
#include "profdiff/text.h"
#include "profdiff/yaml.h"

static const char usage[] =
	"usage: profdiff import PAGE.txt... [--country NAME] [-o FILE|DIR] "
	"[-q]\n\n"
	"Reads published pages (text copied from the website) into profile\n"
	"YAML, keeping every paragraph, citation marker and footnote. Laws and\n"
	"treaties are extracted from the prose; each is printed on standard\n"
	"error with the sentence it came from, for review.\n\n"
	"  --country NAME  the country when the page names none (default: from\n"
	"                  the file name, north-korea.txt -> North Korea)\n"
	"  -o, --output P  write to the file P (one page) or into the\n"
	"                  directory P as <country-slug>.yaml; without it the\n"
	"                  YAML of a single page goes to standard output\n"
	"  -q, --quiet     do not print the review report\n"
	"  --commit        also commit the profiles (written to -o, or to the\n"
	"                  repository's profiles directory) on the current\n"
	"                  branch, like profdiff commit\n"
	"  -m MSG          the commit message (default: \"Import PAGE\")\n"
	"  -h, --help      print this help\n";

/* Prints the importer's remarks, then each law and treaty found: the
 * items of one sentence, then that sentence once, for review. */
static void print_report(const char *path, const pd_page_report *r,
			 bool color)
{
	const char *b = color ? "\033[1m" : "", *d = color ? "\033[2m" : "",
		   *y = color ? "\033[33m" : "", *z = color ? "\033[0m" : "";
	size_t i;

	for (i = 0; i < r->nnotes; i++)
		fprintf(stderr, "%s:%u:%u: %snote:%s %s\n", path,
			(unsigned)r->notes[i].pos.line,
			(unsigned)r->notes[i].pos.col, y, z, r->notes[i].text);
	for (i = 0; i < r->nfound; i++) {
		const pd_found *f = &r->found[i];
		const pd_paragraph *p = f->para;
		uint32_t col = p->pos.col +
			       (uint32_t)pd_utf8_width(p->text, f->sentence.start);
		const pd_found *nx = i + 1 < r->nfound ? &r->found[i + 1] : NULL;

		fprintf(stderr, "%s:%u:%u: %s%s:%s %s\n", path,
			(unsigned)p->pos.line, (unsigned)col, b,
			f->kind == PD_FOUND_LAW ? "law" : "treaty", z,
			f->summary);
		if (f->note)
			fprintf(stderr, "    %s(%s)%s\n", y, f->note, z);
		if (nx && nx->para == f->para &&
		    nx->sentence.start == f->sentence.start)
			continue;
		fprintf(stderr, "    %s%.*s%s\n", d,
			(int)(f->sentence.end - f->sentence.start),
			p->text + f->sentence.start, z);
	}
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Commits the written profiles, as profdiff commit does (without the
 * lint gate: the review report was shown). */
static int commit_written(pd_store **store, const cli_paths *written,
			  const char *message, const char *first_page)
{
	pd_commit_options co = PD_COMMIT_OPTIONS_INIT;
	const char **paths;
	char msg[4200], hex[41];
	size_t i;
	int rc = EXIT_OK, err;

	if (!*store && pd_store_open(store, ".") < 0) {
		cli_error_last();
		return EXIT_TROUBLE;
	}
	paths = calloc(written->n, sizeof(*paths));
	for (i = 0; paths && i < written->n; i++) {
		char *p;

		if (pd_store_profile_path(*store, written->v[i], &p) < 0) {
			cli_error_last();
			free(paths);
			return EXIT_TROUBLE;
		}
		paths[i] = p;
	}
	snprintf(msg, sizeof(msg), "Import %s%s", first_page,
		 written->n > 1 ? " and others" : "");
	co.message = message ? message : msg;
	err = paths ? pd_store_commit(*store, paths, written->n, &co, hex)
		    : pd_error_oom();
	if (err < 0) {
		cli_error_last();
		rc = EXIT_TROUBLE;
	} else {
		printf("[%.7s] %s\n", hex, co.message);
		if (err > 0)
			cli_warning_last(); /* the index was not updated */
	}
	free(paths);
	return rc;
}

int cmd_import(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"country", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"commit", no_argument, NULL, 'C'},
		{"message", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *output = NULL;
	pd_page_options opts = PD_PAGE_OPTIONS_INIT;
	bool quiet = false, color = cli_use_color(c, stderr), to_dir,
	     commit = false;
	const char *message = NULL;
	pd_store *store = NULL;
	cli_paths written = {0};
	char profiles_dir[4200];
	int opt, rc = EXIT_OK, i;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "o:qm:h", longopts, NULL)) !=
	       -1) {
		switch (opt) {
		case 'c':
			opts.country = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'C':
			commit = true;
			break;
		case 'm':
			message = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("import", argv, optind);
		}
	}
	if (optind >= argc)
		return cli_bad_usage("import", "no PAGE given");
	if (commit && !output) {
		/* into the repository's profiles directory */
		if (pd_store_open(&store, ".") < 0 || !pd_store_workdir(store)) {
			if (store)
				pd_error_set(PD_EUSAGE, NULL, 0, 0,
					     "--commit needs a working tree");
			cli_error_last();
			pd_store_free(store);
			return EXIT_TROUBLE;
		}
		snprintf(profiles_dir, sizeof(profiles_dir), "%s%s",
			 pd_store_workdir(store),
			 pd_store_config(store)->profiles_dir);
		mkdir(profiles_dir, 0777);
		output = profiles_dir;
	}
	to_dir = output && is_dir(output);
	if (argc - optind > 1 && !to_dir)
		return cli_bad_usage("import",
				     "several pages need -o DIR (an existing "
				     "directory)");
	for (i = optind; i < argc; i++) {
		pd_buf in = PD_BUF_INIT, out = PD_BUF_INIT;
		pd_profile *p = NULL;
		pd_page_report report;
		char target[4600];

		if (pd_file_read(&in, argv[i], PD_MAX_PROFILE_SIZE) < 0 ||
		    pd_page_import(&p, &report, in.ptr, in.len, argv[i],
				   &opts) < 0 ||
		    pd_yaml_write(&out, p) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
			goto next;
		}
		if (!quiet)
			print_report(argv[i], &report, color);
		if (!output) {
			if (out.len)
		fwrite(out.ptr, 1, out.len, stdout);
			goto next;
		}
		if (to_dir) {
			char slug[256];

			pd_country_slug(p->country, slug, sizeof(slug));
			snprintf(target, sizeof(target), "%s/%s.yaml", output,
				 slug[0] ? slug : "profile");
		} else {
			snprintf(target, sizeof(target), "%s", output);
		}
		if (pd_file_write_atomic(target, out.ptr, out.len) < 0) {
			cli_error_last();
			rc = EXIT_TROUBLE;
		} else if (commit) {
			char *one[] = {target};

			cli_expand_paths(&written, 1, one);
		}
next:
		pd_profile_free(p);
		pd_buf_free(&in);
		pd_buf_free(&out);
	}
	if (commit && rc == EXIT_OK && written.n)
		rc = commit_written(&store, &written, message, argv[optind]);
	cli_paths_free(&written);
	pd_store_free(store);
	return rc;
}
