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
#include "profdiff/text.h"

static const char usage[] =
	"usage: profdiff import PAGE.txt... [--country NAME] [-o FILE|DIR] "
	"[-q]\n"
	"                       [--force] [--commit [-m MSG]]\n\n"
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
	"  -f, --force     replace a file that holds something else (by\n"
	"                  default an existing file is left as it is)\n"
	"  --commit        also commit the profiles (written to -o, or to the\n"
	"                  repository's profiles directory) on the current\n"
	"                  branch, like profdiff commit\n"
	"  -m MSG          the commit message (default: \"Import PAGE\")\n"
	"  -h, --help      print this help\n";

/* `s` (`n` bytes) made inert for the terminal, in `b` (cleared). */
static const char *inert(pd_buf *b, const char *s, size_t n)
{
	pd_buf_clear(b);
	pd_render_term_escape(b, s, n);
	return pd_buf_ok(b) == 0 ? pd_buf_cstr(b) : "";
}

/* Prints the importer's remarks, then each law and treaty found: the
 * items of one sentence, then that sentence once, for review. What the
 * page says is quoted made inert, as in every message. */
static void print_report(const char *path, const pd_page_report *r,
			 bool color)
{
	const char *b = color ? "\033[1m" : "", *d = color ? "\033[2m" : "",
		   *y = color ? "\033[33m" : "", *z = color ? "\033[0m" : "";
	pd_buf pb = PD_BUF_INIT, tb = PD_BUF_INIT;
	size_t i;

	inert(&pb, path, strlen(path));
	for (i = 0; i < r->nnotes; i++)
		fprintf(stderr, "%s:%u:%u: %snote:%s %s\n", pd_buf_cstr(&pb),
			(unsigned)r->notes[i].pos.line,
			(unsigned)r->notes[i].pos.col, y, z,
			inert(&tb, r->notes[i].text, strlen(r->notes[i].text)));
	for (i = 0; i < r->nfound; i++) {
		const pd_found *f = &r->found[i];
		const pd_paragraph *p = f->para;
		uint32_t col = p->pos.col +
			       (uint32_t)pd_utf8_width(p->text, f->sentence.start);
		const pd_found *nx = i + 1 < r->nfound ? &r->found[i + 1] : NULL;

		fprintf(stderr, "%s:%u:%u: %s%s:%s %s\n", pd_buf_cstr(&pb),
			(unsigned)p->pos.line, (unsigned)col, b,
			f->kind == PD_FOUND_LAW ? "law" : "treaty", z,
			inert(&tb, f->summary, strlen(f->summary)));
		if (f->note)
			fprintf(stderr, "    %s(%s)%s\n", y,
				inert(&tb, f->note, strlen(f->note)), z);
		if (nx && nx->para == f->para &&
		    nx->sentence.start == f->sentence.start)
			continue;
		fprintf(stderr, "    %s%s%s\n", d,
			inert(&tb, p->text + f->sentence.start,
			      f->sentence.end - f->sentence.start),
			z);
	}
	pd_buf_free(&pb);
	pd_buf_free(&tb);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Commits the written profiles, as profdiff commit does (without the
 * lint gate: the review report was shown). */
static int commit_written(pd_store **store, const pd_app_paths *written,
			  const char *message, const char *first_page)
{
	pd_commit_options co = PD_COMMIT_OPTIONS_INIT;
	char msg[4200], hex[41];
	int err;

	snprintf(msg, sizeof(msg), "Import %s%s", first_page,
		 written->n > 1 ? " and others" : "");
	co.message = message ? message : msg;
	err = pd_app_commit_files(store, (const char *const *)written->v,
				  written->n, &co, hex);
	if (err < 0) {
		pd_cli_error_last();
		return EXIT_TROUBLE;
	}
	printf("[%.7s] %s\n", hex, co.message);
	if (err > 0)
		pd_cli_warning_last(); /* the index was not updated */
	return EXIT_OK;
}

int pd_cmd_import(int argc, char **argv, pd_cli *c)
{
	static const struct option longopts[] = {
		{"country", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"force", no_argument, NULL, 'f'},
		{"commit", no_argument, NULL, 'K'},
		{"message", required_argument, NULL, 'm'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	pd_cli_opts go;
	const char *output = NULL, *message = NULL;
	pd_page_options opts = PD_PAGE_OPTIONS_INIT;
	bool quiet = false, color = pd_cli_use_color(c, stderr), to_dir,
	     commit = false, force = false;
	pd_store *store = NULL;
	pd_app_paths written = {0};
	char dir[4200];
	int opt, rc = EXIT_OK, i;

	pd_cli_opts_init(&go, c, "import", "o:qfm:h", longopts);
	while ((opt = pd_cli_getopt(&go, argc, argv)) != -1) {
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
		case 'f':
			force = true;
			break;
		case 'K':
			commit = true;
			break;
		case 'm':
			message = optarg;
			break;
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return EXIT_TROUBLE;
		}
	}
	if (optind >= argc)
		return pd_cli_bad_usage("import", "no PAGE given");
	/* --commit without -o: into the repository's profiles directory */
	if (commit && !output) {
		if (pd_app_profiles_dir(&store, dir, sizeof(dir)) < 0) {
			pd_cli_error_last();
			pd_store_free(store);
			return EXIT_TROUBLE;
		}
		output = dir;
	}
	to_dir = output && is_dir(output);
	if (argc - optind > 1 && !to_dir)
		return pd_cli_bad_usage("import",
					"several pages need -o DIR (an existing "
					"directory)");
	for (i = optind; i < argc; i++) {
		pd_app_import im;
		char target[4600];
		const char *one[1] = {target};

		if (pd_app_import_page(&im, argv[i], &opts) < 0) {
			pd_cli_error_last();
			rc = EXIT_TROUBLE;
		} else {
			if (!quiet)
				print_report(argv[i], &im.report, color);
			if (!output) {
				pd_cli_emit(NULL, &im.yaml);
			} else if (pd_app_import_write(&im, output, force,
						       target, sizeof(target)) < 0) {
				pd_cli_error_last();
				rc = EXIT_TROUBLE;
			} else if (commit) {
				pd_app_expand_paths(&written, one, 1);
			}
		}
		pd_app_import_release(&im);
	}
	if (commit && rc == EXIT_OK && written.n)
		rc = commit_written(&store, &written, message, argv[optind]);
	pd_app_paths_free(&written);
	pd_store_free(store);
	return rc;
}
