#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profdiff/fileio.h"
#include "profdiff/yaml.h"
#include "testutil.h"
#include "yaml_fast.h"

static pd_profile *read_fixture(const char *rel)
{
	pd_buf b = tu_fixture(rel);
	pd_profile *p = tu_read_yaml(b.ptr, b.len, rel);

	pd_buf_free(&b);
	return p;
}

START_TEST(minimal_profile)
{
	pd_profile *p = read_fixture("yaml/valid/minimal.yaml");

	ck_assert_int_eq(p->schema, 1);
	ck_assert_str_eq(p->country, "Laos");
	ck_assert_int_eq(p->last_updated.year, 0);
	ck_assert_uint_eq(p->nsections + p->nlaws + p->ntreaties +
				  p->nfootnotes + p->nignores,
			  0);
	pd_profile_free(p);
}
END_TEST

START_TEST(every_field_in_block_style)
{
	pd_profile *p = read_fixture("yaml/valid/full.yaml");
	const pd_section *law, *dom;
	const pd_law *l;

	ck_assert_str_eq(p->country, "Cambodia");
	ck_assert_int_eq(p->last_updated.year, 2026);
	ck_assert_int_eq(p->last_updated.day, 20);
	ck_assert_uint_eq(p->last_updated_pos.line, 4);
	ck_assert_uint_eq(p->last_updated_pos.col, 15);

	ck_assert_uint_eq(p->nsections, 3);
	ck_assert_str_eq(p->sections[0].title, "Digital ID Overview");
	ck_assert_uint_eq(p->sections[0].nparagraphs, 2);
	/* folded: the line breaks are single spaces again */
	ck_assert_str_eq(
		p->sections[0].paragraphs[0].text,
		"Cambodia is presently developing a digital ID system known "
		"as the Integrated Population Identification System (IPIS). "
		"It is based on the 2023 Law on CRVSID and National Strategic "
		"Plan of Identification 2017-2026 (NSPI). The goal of this "
		"legal and policy framework is captured in the language of "
		"\xE2\x80\x98one person, one identity and universal legal "
		"identity for all persons in the country\xE2\x80\x99.[15]");
	/* positions: the text's first character, and any byte of it */
	ck_assert_uint_eq(p->sections[0].paragraphs[0].pos.line, 9);
	ck_assert_uint_eq(p->sections[0].paragraphs[0].pos.col, 9);
	{
		const pd_paragraph *para = &p->sections[0].paragraphs[0];
		size_t off = (size_t)(strstr(para->text, "2023 Law") - para->text);
		pd_pos at = pd_text_at(para->text, para->pos, para->segs,
				       para->nsegs, off);

		/* "Integrated Population Identification System (IPIS). It
		 * is based on the 2023" ends line 10 */
		ck_assert_uint_eq(para->nsegs, 6);
		ck_assert_uint_eq(at.line, 10);
		ck_assert_uint_eq(at.col, 80);
		off = (size_t)(strstr(para->text, "[15]") - para->text);
		at = pd_text_at(para->text, para->pos, para->segs, para->nsegs,
				off);
		ck_assert_uint_eq(at.line, 14);
		ck_assert_uint_eq(at.col, 33);
	}
	/* a plain scalar on one line */
	{
		const pd_paragraph *para = &p->sections[0].paragraphs[1];
		pd_pos at = pd_text_at(para->text, para->pos, para->segs,
				       para->nsegs, 9);

		ck_assert_uint_eq(at.line, 15);
		ck_assert_uint_eq(at.col, 18);
	}

	law = &p->sections[1];
	ck_assert_str_eq(law->title, "Law");
	ck_assert_uint_eq(law->nparagraphs, 0);
	ck_assert_uint_eq(law->nsections, 2);
	dom = &law->sections[0];
	ck_assert_str_eq(dom->title, "Domestic Law and Policy");
	ck_assert_uint_eq(dom->nsections, 1);
	ck_assert_str_eq(dom->sections[0].title, "Sub-decrees");
	ck_assert_str_eq(dom->sections[0].subtitle, "Identity cards");
	ck_assert_str_eq(dom->sections[0].paragraphs[0].text,
			 "Sub-Decree No. 47 replaced the earlier "
			 "sub-decrees.[5][7]");
	ck_assert_str_eq(law->sections[1].paragraphs[0].text,
			 "In July 2025, Cambodia publicly released a draft "
			 "comprehensive Law on Personal Data Protection.[41]");
	ck_assert_str_eq(p->sections[2].subtitle,
			 "The Impact of Digital ID and Legal Identity on "
			 "Citizenship and Nationality Rights");
	ck_assert_ptr_null(p->sections[0].subtitle);

	ck_assert_uint_eq(p->nlaws, 5);
	l = &p->laws[0];
	ck_assert_str_eq(l->short_name, "Law on CRVSID");
	ck_assert_uint_eq(l->naka, 2);
	ck_assert_str_eq(l->aka[1], "the 2023 Law");
	ck_assert_int_eq(l->year, 2023);
	ck_assert_int_eq(l->type, PD_LAW_LAW);
	ck_assert_int_eq(l->status, PD_LAW_IN_FORCE);
	ck_assert_uint_eq(l->ncite, 2);
	ck_assert_uint_eq(l->cite[1], 31);
	ck_assert_int_eq(p->laws[1].status, PD_LAW_DRAFT);
	/* defaults for absent type and status */
	ck_assert_int_eq(p->laws[2].type, PD_LAW_SUB_DECREE);
	ck_assert_int_eq(p->laws[2].status, PD_LAW_STATUS_UNKNOWN);
	ck_assert_int_eq(p->laws[2].year, 0);
	ck_assert_ptr_null(p->laws[2].short_name);
	ck_assert_int_eq(p->laws[2].date.year, 0);
	ck_assert_ptr_null(p->laws[2].replaced_by);
	/* the lifecycle: a partial date, what replaced the law */
	ck_assert_int_eq(p->laws[3].status, PD_LAW_REPEALED);
	ck_assert_int_eq(p->laws[3].date.year, 2023);
	ck_assert_int_eq(p->laws[3].date.month, 12);
	ck_assert_int_eq(p->laws[3].date.day, 0);
	ck_assert_str_eq(p->laws[3].replaced_by,
			 "Law on Civil Registration, Vital Statistics and "
			 "Identification");
	ck_assert_int_eq(p->laws[4].status, PD_LAW_ADOPTED);
	ck_assert_int_eq(p->laws[4].date.year, 2026);
	ck_assert_int_eq(p->laws[4].date.month, 0);

	/* treaties come back in vocabulary order */
	ck_assert_uint_eq(p->ntreaties, 6);
	ck_assert_str_eq(p->treaties[0].id, "ICCPR");
	ck_assert_str_eq(p->treaties[1].id, "CRC");
	ck_assert_str_eq(p->treaties[2].id, "CAT");
	ck_assert_str_eq(p->treaties[3].id, "CRPD");
	ck_assert_int_eq(p->treaties[3].date.month, 12);
	ck_assert_str_eq(p->treaties[4].id, "STATELESS-1954");
	ck_assert_str_eq(p->treaties[5].id, "STATELESS-1961");
	ck_assert_int_eq(p->treaties[1].via, PD_VIA_ACCESSION);
	ck_assert_int_eq(p->treaties[1].date.year, 1992);
	ck_assert_uint_eq(p->treaties[1].cite[0], 44);
	ck_assert_int_eq(p->treaties[4].status, PD_TREATY_NOT_PARTY);
	ck_assert_int_eq(p->treaties[5].status, PD_TREATY_NOT_PARTY);
	ck_assert_int_eq(p->treaties[0].via, PD_VIA_NONE);

	/* footnotes sorted by number */
	ck_assert_uint_eq(p->nfootnotes, 9);
	ck_assert_uint_eq(p->footnotes[0].number, 5);
	ck_assert_uint_eq(p->footnotes[2].number, 15);
	ck_assert_str_eq(
		p->footnotes[2].text,
		"Chris Burt, 'Cambodia Introduces CRVS Law to Expand Legal ID "
		"Issuance' (Biometric Update, 24 January 2024) "
		"<https://www.biometricupdate.com/202401/"
		"cambodia-introduces-crvs-law-to-expand-legal-id-issuance> "
		"accessed 23 December 2025");
	ck_assert_str_eq(pd_profile_footnote(p, 7)->text, "ibid.");

	ck_assert_uint_eq(p->nignores, 3);
	ck_assert_str_eq(p->ignores[0].rule, "orphan-footnote");
	ck_assert_str_eq(p->ignores[1].text, "Missing are provisions");
	ck_assert_uint_eq(p->ignores[2].nfootnotes, 1);
	ck_assert_uint_eq(p->ignores[2].footnotes[0].lo, 6);
	ck_assert_uint_eq(p->ignores[2].footnotes[0].hi, 6);
	ck_assert_ptr_null(p->ignores[2].text);
	pd_profile_free(p);
}
END_TEST

START_TEST(flow_style)
{
	pd_profile *p = read_fixture("yaml/valid/flow.yaml");

	ck_assert_str_eq(p->country, "North Korea");
	ck_assert_uint_eq(p->nsections, 2);
	ck_assert_uint_eq(p->sections[1].sections[0].nparagraphs, 0);
	ck_assert_int_eq(p->laws[0].year, 2023);
	ck_assert_uint_eq(p->ntreaties, 3);
	ck_assert_str_eq(p->treaties[2].id, "REFUGEE-1951");
	ck_assert_uint_eq(p->footnotes[0].number, 23);
	ck_assert_uint_eq(p->nignores, 0);
	pd_profile_free(p);
}
END_TEST

START_TEST(quoted_scalars_keep_their_text)
{
	pd_profile *p = read_fixture("yaml/valid/quoted.yaml");

	ck_assert_str_eq(p->country, "Lao People's Democratic Republic");
	ck_assert_int_eq(p->last_updated.month, 12);
	ck_assert_str_eq(p->sections[0].title, "Law: overview");
	ck_assert_str_eq(p->sections[0].paragraphs[0].text,
			 "  Leading spaces, a tab\there, a line\nbreak and a "
			 "\"quote\" \\ kept.");
	ck_assert_str_eq(p->sections[0].paragraphs[1].text,
			 "Single-quoted: it's fine.[1]");
	/* quoted "null" is text, not null */
	ck_assert_str_eq(p->sections[0].paragraphs[2].text, "null");
	ck_assert_str_eq(p->sections[1].title, "yes");
	ck_assert_str_eq(p->footnotes[0].text, "ibid #4 with a hash: and colon");
	pd_profile_free(p);
}
END_TEST

/* Every file of yaml/invalid/ is rejected at the position cases.txt
 * gives, with a message containing its text. */
START_TEST(invalid_files_are_rejected_at_the_right_place)
{
	pd_buf cases = tu_fixture("yaml/invalid/cases.txt");
	char **files = tu_list("yaml/invalid", ".yaml");
	char *line, *save = NULL;
	size_t nfiles = 0, ncases = 0, i;

	for (i = 0; files[i]; i++)
		nfiles++;
	for (line = strtok_r(cases.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char name[256], rel[300], msg[2048];
		unsigned lno, col;
		const char *want;
		pd_profile *p = NULL;
		pd_buf data;
		int err;

		if (line[0] == '#')
			continue;
		ck_assert_msg(sscanf(line, "%255[^\t]\t%u:%u\t", name, &lno,
				     &col) == 3,
			      "bad line in cases.txt: %s", line);
		want = strrchr(line, '\t') + 1;
		snprintf(rel, sizeof(rel), "yaml/invalid/%s", name);
		data = tu_fixture(rel);
		err = pd_yaml_read(&p, data.ptr, data.len, name, NULL);
		pd_error_format(pd_error_last(), msg, sizeof(msg));
		ck_assert_msg(err == PD_EINVALID, "%s: accepted (%d)", name,
			      err);
		ck_assert_ptr_null(p);
		ck_assert_msg(pd_error_last()->pos.line == lno &&
				      pd_error_last()->pos.col == col,
			      "%s: expected %u:%u, got %s", name, lno, col,
			      msg);
		ck_assert_msg(strstr(pd_error_last()->message, want),
			      "%s: expected '%s' in: %s", name, want, msg);
		ck_assert_str_eq(pd_error_last()->file, name);
		pd_buf_free(&data);
		ncases++;
	}
	ck_assert_msg(ncases == nfiles,
		      "cases.txt lists %zu files, the directory has %zu",
		      ncases, nfiles);
	tu_free_list(files);
	pd_buf_free(&cases);
}
END_TEST

/* Sets of footnotes: one, a range, a list of both. */
START_TEST(footnote_sets_take_ranges_and_lists)
{
	pd_profile *p = read_fixture("yaml/valid/footnote-sets.yaml");

	ck_assert_uint_eq(p->ncited_elsewhere, 2);
	ck_assert_uint_eq(p->cited_elsewhere[0].lo, 1);
	ck_assert_uint_eq(p->cited_elsewhere[0].hi, 2);
	ck_assert_uint_eq(p->cited_elsewhere[1].lo, 3);
	ck_assert_uint_eq(p->cited_elsewhere[1].hi, 3);
	ck_assert_uint_eq(p->nignores, 3);
	ck_assert_uint_eq(p->ignores[0].nfootnotes, 1);
	ck_assert_uint_eq(p->ignores[0].footnotes[0].lo, 1);
	ck_assert_uint_eq(p->ignores[0].footnotes[0].hi, 22);
	ck_assert_uint_eq(p->ignores[1].nfootnotes, 3);
	ck_assert_uint_eq(p->ignores[1].footnotes[2].lo, 10);
	ck_assert_uint_eq(p->ignores[1].footnotes[2].hi, 12);
	ck_assert(pd_footnote_set_has(p->ignores[1].footnotes, 3, 11));
	ck_assert(!pd_footnote_set_has(p->ignores[1].footnotes, 3, 8));
	ck_assert(!pd_footnote_set_has(p->ignores[1].footnotes, 3, 0));
	pd_profile_free(p);
}
END_TEST

static int read_text(const char *yaml)
{
	pd_profile *p = NULL;
	int err = pd_yaml_read(&p, yaml, strlen(yaml), "t.yaml", NULL);

	pd_profile_free(p);
	return err;
}

START_TEST(bad_footnote_sets_are_rejected)
{
	static const char *const bad[] = {
		"footnotes_cited_elsewhere: 0\n",
		"footnotes_cited_elsewhere: 1-\n",
		"footnotes_cited_elsewhere: -3\n",
		"footnotes_cited_elsewhere: 1-2-3\n",
		"footnotes_cited_elsewhere: 22-1\n",
		"footnotes_cited_elsewhere: 1-100000\n",
		"footnotes_cited_elsewhere: 1234567\n",
		"footnotes_cited_elsewhere: []\n",
		"footnotes_cited_elsewhere: [1, a]\n",
		"footnotes_cited_elsewhere: {a: 1}\n",
		"lint: {ignore: [{rule: schema, footnote: x-y}]}\n",
	};
	char yaml[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(yaml, sizeof(yaml), "schema: 1\ncountry: X\n%s",
			 bad[i]);
		ck_assert_msg(read_text(yaml) == PD_EINVALID, "accepted: %s",
			      bad[i]);
		ck_assert_uint_eq(pd_error_last()->pos.line, 3);
	}
}
END_TEST

/* Every schema error of a file in one run, each at its place. */
START_TEST(every_schema_error_is_reported)
{
	pd_buf data = tu_fixture("yaml/errors/many.yaml");
	pd_buf want = tu_fixture("yaml/errors/many.expected");
	pd_profile *p = NULL;
	pd_error *errs = NULL;
	size_t n = 0, i = 0;
	char *line, *save = NULL;

	ck_assert_int_eq(pd_yaml_read_errors(&p, &errs, &n, data.ptr, data.len,
					     "many.yaml", NULL,
					     PD_YAML_MAX_ERRORS),
			 PD_EINVALID);
	ck_assert_ptr_null(p);
	for (line = strtok_r(want.ptr, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save), i++) {
		unsigned lno, col;

		ck_assert_int_eq(sscanf(line, "%u:%u", &lno, &col), 2);
		ck_assert_msg(i < n, "only %zu errors", n);
		ck_assert_msg(errs[i].pos.line == lno && errs[i].pos.col == col,
			      "error %zu at %u:%u, expected %s", i,
			      (unsigned)errs[i].pos.line,
			      (unsigned)errs[i].pos.col, line);
		ck_assert_msg(strstr(errs[i].message, strchr(line, '\t') + 1),
			      "error %zu: %s, expected %s", i,
			      errs[i].message, line);
		ck_assert_str_eq(errs[i].file, "many.yaml");
	}
	ck_assert_uint_eq(n, i);
	/* the first is the one a read that stops at it gives */
	ck_assert_str_eq(pd_error_last()->message, errs[0].message);
	free(errs);
	pd_buf_free(&data);
	pd_buf_free(&want);
}
END_TEST

START_TEST(schema_errors_stop_at_the_limit)
{
	pd_buf y = PD_BUF_INIT;
	pd_profile *p = NULL;
	pd_error *errs = NULL;
	size_t n = 0, i;

	pd_buf_puts(&y, "schema: 1\ncountry: X\n");
	for (i = 0; i < 50; i++)
		pd_buf_printf(&y, "k%zu: {a: [1, {b: 2}]}\n", i);
	ck_assert_int_eq(pd_yaml_read_errors(&p, &errs, &n, y.ptr, y.len,
					     "t.yaml", NULL, 20),
			 PD_EINVALID);
	ck_assert_uint_eq(n, 20);
	ck_assert_uint_eq(errs[19].pos.line, 22);
	free(errs);
	pd_buf_free(&y);
}
END_TEST

/* Each invalid file read going past errors: the first error is the one
 * the plain read stops at, nothing crashes or leaks, and a syntax error
 * is the last. */
START_TEST(invalid_files_read_past_their_errors)
{
	char **files = tu_list("yaml/invalid", ".yaml");
	size_t i;

	for (i = 0; files[i]; i++) {
		char rel[300];
		pd_buf data;
		pd_profile *p = NULL;
		pd_error *errs = NULL, first;
		size_t n = 0;

		snprintf(rel, sizeof(rel), "yaml/invalid/%s", files[i]);
		data = tu_fixture(rel);
		ck_assert_int_eq(pd_yaml_read(&p, data.ptr, data.len, files[i],
					      NULL),
				 PD_EINVALID);
		first = *pd_error_last();
		ck_assert_int_eq(pd_yaml_read_errors(&p, &errs, &n, data.ptr,
						     data.len, files[i], NULL,
						     PD_YAML_MAX_ERRORS),
				 PD_EINVALID);
		ck_assert_msg(n >= 1 && n <= PD_YAML_MAX_ERRORS, "%s: %zu",
			      files[i], n);
		ck_assert_str_eq(errs[0].message, first.message);
		ck_assert_uint_eq(errs[0].pos.line, first.pos.line);
		ck_assert_uint_eq(errs[0].pos.col, first.pos.col);
		free(errs);
		pd_buf_free(&data);
	}
	tu_free_list(files);
}
END_TEST

START_TEST(oversized_input_is_rejected_before_parsing)
{
	size_t n = PD_MAX_PROFILE_SIZE + 1;
	char *big = malloc(n);
	pd_read_options opts = PD_READ_OPTIONS_INIT;
	pd_profile *p = NULL;
	const char *small = "schema: 1\ncountry: Laos\n";

	ck_assert_ptr_nonnull(big);
	memset(big, '#', n);
	ck_assert_int_eq(pd_yaml_read(&p, big, n, "big.yaml", NULL),
			 PD_EINVALID);
	ck_assert_ptr_nonnull(strstr(pd_error_last()->message,
				     "over the limit of 16777216 bytes"));
	free(big);

	opts.max_size = 10;
	ck_assert_int_eq(
		pd_yaml_read(&p, small, strlen(small), "s.yaml", &opts),
		PD_EINVALID);
	opts.max_size = 0;
	ck_assert_int_eq(
		pd_yaml_read(&p, small, strlen(small), "s.yaml", &opts), 0);
	pd_profile_free(p);
}
END_TEST

/* The facts of every bundled profile, read alone, are those of the whole
 * file; a file not laid out as profdiff writes it is read whole. */
START_TEST(facts_only_reads_the_same_facts)
{
	static const char *const names[] = {"cambodia.yaml", "laos.yaml",
					    "north-korea.yaml"};
	pd_read_options facts = PD_READ_OPTIONS_INIT;
	size_t i, k;

	facts.facts_only = true;
	for (i = 0; i < 3; i++) {
		char path[1024];
		pd_buf b = PD_BUF_INIT;
		pd_profile *whole = NULL, *part = NULL;

		snprintf(path, sizeof(path), "%s/%s", PD_PROFILES, names[i]);
		ck_assert_int_eq(pd_file_read(&b, path, 1 << 24), 0);
		ck_assert_int_eq(pd_yaml_read(&whole, b.ptr, b.len, path, NULL),
				 0);
		ck_assert_int_eq(pd_yaml_read(&part, b.ptr, b.len, path, &facts),
				 0);
		ck_assert_uint_eq(part->nsections, 0);
		ck_assert_uint_eq(part->nfootnotes, 0);
		ck_assert_uint_gt(whole->nsections, 0);
		ck_assert_str_eq(part->country, whole->country);
		ck_assert_int_eq(pd_date_cmp(part->last_updated,
					     whole->last_updated),
				 0);
		ck_assert_uint_eq(part->nlaws, whole->nlaws);
		for (k = 0; k < whole->nlaws; k++) {
			ck_assert_str_eq(part->laws[k].name, whole->laws[k].name);
			ck_assert_int_eq(part->laws[k].status,
					 whole->laws[k].status);
		}
		ck_assert_uint_eq(part->ntreaties, whole->ntreaties);
		for (k = 0; k < whole->ntreaties; k++) {
			ck_assert_str_eq(part->treaties[k].id,
					 whole->treaties[k].id);
			ck_assert_int_eq(part->treaties[k].status,
					 whole->treaties[k].status);
		}
		pd_profile_free(whole);
		pd_profile_free(part);
		pd_buf_free(&b);
	}
	{
		/* a comment at the top level: not cut, read whole */
		static const char odd[] =
			"schema: 1\n# note\ncountry: Laos\nsections:\n"
			"  - title: Law\n    paragraphs: [Text.]\n";
		pd_profile *p = NULL;

		ck_assert_int_eq(pd_yaml_read(&p, odd, strlen(odd), "o.yaml",
					      &facts),
				 0);
		ck_assert_uint_eq(p->nsections, 1);
		pd_profile_free(p);
	}
}
END_TEST

START_TEST(nul_bytes_are_rejected_with_position)
{
	const char data[] = "schema: 1\ncountry: La\0os\n";
	pd_profile *p = NULL;

	ck_assert_int_eq(pd_yaml_read(&p, data, sizeof(data) - 1, "n.yaml",
				      NULL),
			 PD_EINVALID);
	ck_assert_uint_eq(pd_error_last()->pos.line, 2);
	ck_assert_uint_eq(pd_error_last()->pos.col, 12);
	ck_assert_str_eq(pd_error_last()->message, "NUL byte in a YAML file");
}
END_TEST

START_TEST(extra_vocabulary_is_accepted)
{
	static const char *const aliases[] = {NULL};
	static const pd_treaty_def extra[] = {
		{"ASEAN-HRD", "ASEAN Human Rights Declaration", aliases}};
	pd_vocab v = {.extra = extra, .nextra = 1};
	pd_read_options opts = PD_READ_OPTIONS_INIT;
	const char *y = "schema: 1\ncountry: Laos\ntreaties:\n"
			"  ASEAN-HRD: signatory\n  ICCPR: party\n";
	pd_profile *p = NULL;

	ck_assert_int_eq(pd_yaml_read(&p, y, strlen(y), "v.yaml", NULL),
			 PD_EINVALID);
	opts.vocab = &v;
	ck_assert_int_eq(pd_yaml_read(&p, y, strlen(y), "v.yaml", &opts), 0);
	ck_assert_str_eq(p->treaties[0].id, "ICCPR");
	ck_assert_str_eq(p->treaties[1].id, "ASEAN-HRD");
	pd_profile_free(p);
}
END_TEST

START_TEST(a_byte_order_mark_is_accepted)
{
	const char *y = "\xEF\xBB\xBFschema: 1\ncountry: Laos\n";
	pd_profile *p = tu_read_yaml(y, strlen(y), "bom.yaml");

	ck_assert_str_eq(p->country, "Laos");
	pd_profile_free(p);
}
END_TEST

/* Comments are found between the scalars ('#' inside a quoted or folded
 * scalar, or a URL's fragment, is none) and anchored to the node they
 * precede or trail, by its key path. */
START_TEST(comments_are_anchored_to_their_nodes)
{
	static const struct {
		const char *anchor, *text;
		pd_comment_place place;
		unsigned line;
	} want[] = {
		{"", " yaml-language-server: $schema=https://example.org/"
		     "profile.schema.json", PD_COMMENT_HEAD, 1},
		{"country", " check the spelling", PD_COMMENT_TRAILING, 3},
		{"sections", " the page's sections", PD_COMMENT_TRAILING, 5},
		{"sections/0/paragraphs", " TODO check with the ministry "
		 "before publishing", PD_COMMENT_BEFORE, 7},
		{"sections/0/paragraphs/0", " check", PD_COMMENT_TRAILING, 9},
		{"sections/0/paragraphs/1", " about the second paragraph",
		 PD_COMMENT_BEFORE, 10},
		{"sections/0/paragraphs/1", " folded", PD_COMMENT_TRAILING, 11},
		{"laws/0", " the main law", PD_COMMENT_BEFORE, 14},
		{"laws/0/year", " verify", PD_COMMENT_TRAILING, 16},
		{"laws/0/date", " gone below", PD_COMMENT_TRAILING, 19},
		{"treaties/ICCPR/status", " since 1992?", PD_COMMENT_TRAILING,
		 22},
		{"footnotes/1", " first source", PD_COMMENT_BEFORE, 25},
		{"footnotes/1", " the URL moved", PD_COMMENT_TRAILING, 26},
		{"lint/ignore/0/footnote", " on purpose", PD_COMMENT_TRAILING,
		 30},
		{"", " the end", PD_COMMENT_END, 31},
	};
	pd_profile *p = read_fixture("yaml/comments/in.yaml");
	size_t i;

	ck_assert_uint_eq(p->ncomments, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < p->ncomments; i++) {
		const pd_comment *c = &p->comments[i];

		ck_assert_str_eq(c->anchor, want[i].anchor);
		ck_assert_str_eq(c->text, want[i].text);
		ck_assert_int_eq(c->place, want[i].place);
		ck_assert_uint_eq(c->pos.line, want[i].line);
	}
	ck_assert_str_eq(p->footnotes[0].text,
			 "Smith, ‘A # B’ <https://a.org/x#frag>.");
	ck_assert_str_eq(p->sections[0].paragraphs[1].text,
			 "A # inside is not a comment.[1]");
	pd_profile_free(p);
}
END_TEST

/* Comments are no data: a profile equals itself without them. */
START_TEST(comments_are_not_data)
{
	pd_profile *p = read_fixture("yaml/comments/in.yaml");
	pd_profile *q = read_fixture("yaml/comments/canonical.yaml");

	ck_assert_uint_gt(q->ncomments, 0);
	q->ncomments = 0;
	ck_assert(pd_profile_equal(p, q));
	pd_profile_free(p);
	pd_profile_free(q);
}
END_TEST

static void same_pos(pd_pos a, pd_pos b, const char *what)
{
	ck_assert_msg(a.line == b.line && a.col == b.col,
		      "%s: %u:%u, libyaml's %u:%u", what, a.line, a.col, b.line,
		      b.col);
}

/* The same text at the same place, in the same segments. */
static void same_text(const char *ta, size_t la, pd_pos pa,
		      const pd_segment *sa, uint32_t na, const char *tb,
		      size_t lb, pd_pos pb, const pd_segment *sb, uint32_t nb)
{
	uint32_t k;

	ck_assert_uint_eq(la, lb);
	ck_assert_mem_eq(ta, tb, la);
	same_pos(pa, pb, ta);
	ck_assert_msg(na == nb, "%s: %u segments, libyaml's %u", ta, na, nb);
	for (k = 0; k < na; k++) {
		ck_assert_uint_eq(sa[k].offset, sb[k].offset);
		same_pos(sa[k].pos, sb[k].pos, ta);
	}
}

static void same_sections(const pd_section *a, const pd_section *b, size_t n)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		same_pos(a[i].pos, b[i].pos, a[i].title);
		ck_assert_uint_eq(a[i].nparagraphs, b[i].nparagraphs);
		for (k = 0; k < a[i].nparagraphs; k++) {
			const pd_paragraph *x = &a[i].paragraphs[k],
					   *y = &b[i].paragraphs[k];

			same_text(x->text, x->len, x->pos, x->segs, x->nsegs,
				  y->text, y->len, y->pos, y->segs, y->nsegs);
		}
		ck_assert_uint_eq(a[i].nsections, b[i].nsections);
		same_sections(a[i].sections, b[i].sections, a[i].nsections);
	}
}

/* The scanner of profdiff's form (yaml_fast.c) and libyaml lead the
 * reader to the same positions and segments: each text is read both
 * ways, as it is (the scanner's) and with a comment after it, which only
 * libyaml reads. */
static void same_whichever_reader(const char *data, size_t len,
				  const char *name)
{
	pd_buf b = PD_BUF_INIT;
	pd_profile *p, *q;
	yf_stream fast;
	size_t i;

	ck_assert_msg(pd_yf_scan(&fast, data, len) == 1, "%s: declined", name);
	pd_yf_free(&fast);
	pd_buf_put(&b, data, len);
	pd_buf_puts(&b, "# a comment, for libyaml\n");
	ck_assert_int_eq(pd_buf_ok(&b), 0);
	ck_assert_int_eq(pd_yf_scan(&fast, b.ptr, b.len), 0);
	p = tu_read_yaml(data, len, name);
	q = tu_read_yaml(b.ptr, b.len, name);
	same_pos(p->country_pos, q->country_pos, "country");
	ck_assert_uint_eq(p->nsections, q->nsections);
	same_sections(p->sections, q->sections, p->nsections);
	ck_assert_uint_eq(p->nlaws, q->nlaws);
	for (i = 0; i < p->nlaws; i++)
		same_pos(p->laws[i].pos, q->laws[i].pos, p->laws[i].name);
	ck_assert_uint_eq(p->nfootnotes, q->nfootnotes);
	for (i = 0; i < p->nfootnotes; i++) {
		const pd_footnote *x = &p->footnotes[i], *y = &q->footnotes[i];

		same_pos(x->number_pos, y->number_pos, x->text);
		same_text(x->text, x->len, x->pos, x->segs, x->nsegs, y->text,
			  y->len, y->pos, y->segs, y->nsegs);
	}
	pd_profile_free(p);
	pd_profile_free(q);
	pd_buf_free(&b);
}

START_TEST(segments_are_the_same_whichever_reader)
{
	static const char *const bundled[] = {"cambodia", "laos",
					      "north-korea"};
	static const char *const dirs[] = {"yaml/segments", "yaml/canonical"};
	size_t i, k;

	for (i = 0; i < 3; i++) {
		pd_buf b = PD_BUF_INIT;
		char path[4096];

		snprintf(path, sizeof(path), "%s/%s.yaml", PD_PROFILES,
			 bundled[i]);
		ck_assert_int_eq(pd_file_read(&b, path, (size_t)16 << 20), 0);
		same_whichever_reader(b.ptr, b.len, bundled[i]);
		pd_buf_free(&b);
	}
	for (i = 0; i < 2; i++) {
		char **names = tu_list(dirs[i], ".yaml");

		ck_assert_ptr_nonnull(names[0]);
		for (k = 0; names[k]; k++) {
			char rel[512];
			pd_buf b;

			snprintf(rel, sizeof(rel), "%s/%s", dirs[i], names[k]);
			b = tu_fixture(rel);
			same_whichever_reader(b.ptr, b.len, rel);
			pd_buf_free(&b);
		}
		tu_free_list(names);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("yaml_read");
	TCase *tc = tcase_create("yaml_read");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, minimal_profile);
	tcase_add_test(tc, every_field_in_block_style);
	tcase_add_test(tc, flow_style);
	tcase_add_test(tc, quoted_scalars_keep_their_text);
	tcase_add_test(tc, invalid_files_are_rejected_at_the_right_place);
	tcase_add_test(tc, footnote_sets_take_ranges_and_lists);
	tcase_add_test(tc, bad_footnote_sets_are_rejected);
	tcase_add_test(tc, every_schema_error_is_reported);
	tcase_add_test(tc, schema_errors_stop_at_the_limit);
	tcase_add_test(tc, invalid_files_read_past_their_errors);
	tcase_add_test(tc, oversized_input_is_rejected_before_parsing);
	tcase_add_test(tc, nul_bytes_are_rejected_with_position);
	tcase_add_test(tc, facts_only_reads_the_same_facts);
	tcase_add_test(tc, extra_vocabulary_is_accepted);
	tcase_add_test(tc, a_byte_order_mark_is_accepted);
	tcase_add_test(tc, comments_are_anchored_to_their_nodes);
	tcase_add_test(tc, comments_are_not_data);
	tcase_add_test(tc, segments_are_the_same_whichever_reader);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
