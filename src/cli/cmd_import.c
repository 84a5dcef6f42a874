/*
 * cmd_import.c: profdiff import PAGE.txt... [--country NAME] [-o FILE|DIR]
 *
 * Reads published pages into profiles. The YAML goes to standard output
 * (one page), to FILE, or into DIR as <slug>.yaml (several pages); the
 * review report (each law and treaty found, with its sentence, and the
 * importer's remarks) goes to standard error unless --quiet.
 */
#include <getopt.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "profdiff/fileio.h"
#include "profdiff/page.h"
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

int cmd_import(int argc, char **argv, const cli *c)
{
	static const struct option longopts[] = {
		{"country", required_argument, NULL, 'c'},
		{"output", required_argument, NULL, 'o'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{NULL, 0, NULL, 0}};
	const char *output = NULL;
	pd_page_options opts = PD_PAGE_OPTIONS_INIT;
	bool quiet = false, color = cli_use_color(c, stderr), to_dir;
	int opt, rc = EXIT_OK, i;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+o:qh", longopts, NULL)) != -1) {
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
		case 'h':
			fputs(usage, stdout);
			return EXIT_OK;
		default:
			return cli_bad_option("import", argv, optind);
		}
	}
	if (optind >= argc)
		return cli_bad_usage("import", "no PAGE given");
	to_dir = output && is_dir(output);
	if (argc - optind > 1 && !to_dir)
		return cli_bad_usage("import",
				     "several pages need -o DIR (an existing "
				     "directory)");
	for (i = optind; i < argc; i++) {
		pd_buf in = PD_BUF_INIT, out = PD_BUF_INIT;
		pd_profile *p = NULL;
		pd_page_report report;
		char target[4096];

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
		}
next:
		pd_profile_free(p);
		pd_buf_free(&in);
		pd_buf_free(&out);
	}
	return rc;
}
