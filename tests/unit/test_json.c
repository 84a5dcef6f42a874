/*
 * test_json.c: JSON string literals and the streaming writer (json.h).
 */
#include <stdio.h>
#include <string.h>

#include "json.h"
#include "testutil.h"

static void assert_buf(pd_buf *b, const char *want)
{
	ck_assert_int_eq(pd_buf_ok(b), 0);
	ck_assert_str_eq(pd_buf_cstr(b), want);
	pd_buf_clear(b);
}

START_TEST(json_strings_are_always_valid)
{
	pd_buf b = PD_BUF_INIT;

	pd_json_cstr(&b, "plain");
	assert_buf(&b, "\"plain\"");
	pd_json_cstr(&b, NULL);
	assert_buf(&b, "null");
	pd_json_cstr(&b, "q\"b\\s/t\tn\nr\rc\x01" "e\x1f");
	assert_buf(&b, "\"q\\\"b\\\\s/t\\tn\\nr\\rc\\u0001e\\u001f\"");
	pd_json_cstr(&b, "caf\xC3\xA9 \xE2\x80\x98q\xE2\x80\x99");
	assert_buf(&b, "\"caf\xC3\xA9 \xE2\x80\x98q\xE2\x80\x99\"");
	/* invalid UTF-8 becomes U+FFFD; the line separators are escaped */
	pd_json_cstr(&b, "bad \xFF\xC0\xAF end \xE2\x80\xA8");
	assert_buf(&b, "\"bad \\ufffd\\ufffd\\ufffd end \\u2028\"");
	pd_json_string(&b, "nul\0byte", 8);
	assert_buf(&b, "\"nul\\u0000byte\"");
	pd_buf_free(&b);
}
END_TEST

START_TEST(json_escapes_wherever_they_fall)
{
	static const struct {
		const char *in, *out;
	} v[] = {{"\"", "\\\""},     {"\\", "\\\\"},
		 {"\n", "\\n"},      {"\x01", "\\u0001"},
		 {"\xC3\xA9", "\xC3\xA9"}, {"\xE2\x80\xA8", "\\u2028"},
		 {"\xFF", "\\ufffd"},  {"\x7F", "\x7F"}};
	size_t k, at;

	for (k = 0; k < sizeof(v) / sizeof(v[0]); k++)
		for (at = 0; at <= 40; at++) {
			char in[96], want[128];
			pd_buf b = PD_BUF_INIT;

			memset(in, 'a', at);
			snprintf(in + at, sizeof(in) - at, "%s%s", v[k].in,
				 "bcdefghijklmnopqrstuvwxyz");
			memset(want, 'a', at);
			want[0] = '"';
			snprintf(want + 1, sizeof(want) - 1, "%.*s%s%s\"",
				 (int)at, in, v[k].out,
				 "bcdefghijklmnopqrstuvwxyz");
			pd_json_string(&b, in, strlen(in));
			ck_assert_msg(strcmp(pd_buf_cstr(&b), want) == 0,
				      "%zu at %zu: %s", k, at, pd_buf_cstr(&b));
			pd_buf_free(&b);
		}
}
END_TEST

START_TEST(the_writer_puts_commas_between_items)
{
	pd_buf b = PD_BUF_INIT;
	pd_json j;

	pd_json_init(&j, &b);
	pd_json_begin_object(&j);
	pd_json_key(&j, "a");
	pd_json_value_uint(&j, 1);
	pd_json_key(&j, "b");
	pd_json_begin_array(&j);
	pd_json_value_cstr(&j, "x");
	pd_json_value_null(&j);
	pd_json_value_bool(&j, true);
	pd_json_value_int(&j, -42);
	pd_json_begin_object(&j);
	pd_json_end_object(&j);
	pd_json_begin_array(&j);
	pd_json_end_array(&j);
	pd_json_end_array(&j);
	pd_json_key(&j, "c\"");
	pd_json_value_raw(&j, "0.50", 4);
	pd_json_key(&j, "d");
	pd_json_value_string(&j, "n\0l", 3);
	pd_json_end_object(&j);
	assert_buf(&b, "{\"a\": 1, \"b\": [\"x\", null, true, -42, {}, []], "
		       "\"c\\\"\": 0.50, \"d\": \"n\\u0000l\"}");
	pd_buf_free(&b);
}
END_TEST

/* the layout of profdiff.lint.v1: a line a file, a line a finding, and
 * a closing bracket on its own line only after items */
START_TEST(breaks_lay_out_lines)
{
	pd_buf b = PD_BUF_INIT;
	pd_json j;
	int files;

	for (files = 0; files <= 2; files++) {
		int f;

		pd_json_init(&j, &b);
		pd_json_begin_array(&j);
		for (f = 0; f < files; f++) {
			pd_json_break(&j, "\n  ");
			pd_json_begin_object(&j);
			pd_json_key(&j, "f");
			pd_json_begin_array(&j);
			if (f) {
				pd_json_break(&j, "\n    ");
				pd_json_value_uint(&j, 1);
				pd_json_break(&j, "\n    ");
				pd_json_value_uint(&j, 2);
			}
			pd_json_break(&j, "\n  ");
			pd_json_end_array(&j);
			pd_json_end_object(&j);
		}
		pd_json_break(&j, "\n");
		pd_json_end_array(&j);
		if (files == 0)
			assert_buf(&b, "[]");
		else if (files == 1)
			assert_buf(&b, "[\n  {\"f\": []}\n]");
		else
			assert_buf(&b, "[\n  {\"f\": []},\n  {\"f\": [\n    1,"
				       "\n    2\n  ]}\n]");
	}
	pd_buf_free(&b);
}
END_TEST

/* A string all escapes grows six times over, in one piece; one of plain
 * bytes and escapes by turns, long enough for many blocks of sixteen,
 * keeps each where it falls. */
START_TEST(escapes_make_room_as_they_go)
{
	pd_buf b = PD_BUF_INIT, want = PD_BUF_INIT;
	char in[1000];
	size_t k;

	memset(in, 1, sizeof(in));
	pd_json_string(&b, in, sizeof(in));
	pd_buf_putc(&want, '"');
	for (k = 0; k < sizeof(in); k++)
		pd_buf_puts(&want, "\\u0001");
	pd_buf_putc(&want, '"');
	ck_assert_uint_eq(b.len, 6 * sizeof(in) + 2);
	ck_assert_str_eq(pd_buf_cstr(&b), pd_buf_cstr(&want));
	pd_buf_clear(&b);
	pd_buf_clear(&want);
	for (k = 0; k < sizeof(in); k++)
		in[k] = k % 37 == 36 ? '"' : (char)('a' + k % 26);
	pd_json_string(&b, in, sizeof(in));
	pd_buf_putc(&want, '"');
	for (k = 0; k < sizeof(in); k++) {
		if (in[k] == '"')
			pd_buf_putc(&want, '\\');
		pd_buf_putc(&want, in[k]);
	}
	pd_buf_putc(&want, '"');
	ck_assert_str_eq(pd_buf_cstr(&b), pd_buf_cstr(&want));
	pd_buf_free(&b);
	pd_buf_free(&want);
}
END_TEST

/* Members by name are what a key and a value write, first in an object
 * or after an item, after a break, and into a buffer that must grow for
 * them. */
START_TEST(members_are_keys_and_values)
{
	pd_buf b = PD_BUF_INIT, want = PD_BUF_INIT;
	pd_json j, k;
	int round;

	for (round = 0; round < 40; round++) {
		size_t pad;

		/* a buffer with `round` bytes of room: short of what one
		 * member takes, then of what a few do */
		pd_buf_free(&b);
		ck_assert(pd_buf_reserve(&b, 1));
		pad = b.cap - 1 - (size_t)round;
		memset(b.ptr, '.', pad);
		b.len = pad;
		b.ptr[pad] = '\0';
		pd_buf_clear(&want);
		pd_json_init(&j, &b);
		pd_json_init(&k, &want);
		pd_json_begin_object(&j);
		pd_json_begin_object(&k);
		pd_json_member_cstr(&j, "schema", "s\"");
		pd_json_key(&k, "schema");
		pd_json_value_cstr(&k, "s\"");
		pd_json_member_uint(&j, "n", 18446744073709551615ull);
		pd_json_key(&k, "n");
		pd_json_value_uint(&k, 18446744073709551615ull);
		pd_json_break(&j, "\n ");
		pd_json_break(&k, "\n ");
		pd_json_member_int(&j, "i", -9);
		pd_json_key(&k, "i");
		pd_json_value_int(&k, -9);
		pd_json_member_bool(&j, "b", round % 2);
		pd_json_key(&k, "b");
		pd_json_value_bool(&k, round % 2);
		pd_json_name(&j, "z");
		pd_json_key(&k, "z");
		pd_json_value_null(&j);
		pd_json_value_null(&k);
		pd_json_member_cstr(&j, "c", NULL);
		pd_json_key(&k, "c");
		pd_json_value_null(&k);
		pd_json_end_object(&j);
		pd_json_end_object(&k);
		ck_assert_uint_gt(b.cap, pad + 1 + (size_t)round);
		ck_assert_str_eq(b.ptr + pad, pd_buf_cstr(&want));
		ck_assert_str_eq(b.ptr + pad,
				 round % 2 ? "{\"schema\": \"s\\\"\", \"n\": "
					     "18446744073709551615,\n \"i\": -9, "
					     "\"b\": true, \"z\": null, \"c\": null}"
					   : "{\"schema\": \"s\\\"\", \"n\": "
					     "18446744073709551615,\n \"i\": -9, "
					     "\"b\": false, \"z\": null, \"c\": null}");
	}
	pd_buf_free(&b);
	pd_buf_free(&want);
}
END_TEST

/* Numbers of every length, and the longest of each sign. */
START_TEST(numbers_of_every_length)
{
	pd_buf b = PD_BUF_INIT;
	char want[32];
	unsigned long long v = 0;
	pd_json j;
	int digits;

	for (digits = 1; digits <= 20; digits++) {
		v = v * 10 + (unsigned long long)(digits % 10);
		pd_buf_free(&b);
		pd_json_init(&j, &b);
		pd_json_value_uint(&j, v);
		snprintf(want, sizeof(want), "%llu", v);
		ck_assert_str_eq(pd_buf_cstr(&b), want);
		ck_assert_uint_eq(b.len, strlen(want));
	}
	pd_buf_clear(&b);
	pd_json_init(&j, &b);
	pd_json_begin_array(&j);
	pd_json_value_uint(&j, 0);
	pd_json_value_uint(&j, 18446744073709551615ull);
	pd_json_value_int(&j, -9223372036854775807ll - 1);
	pd_json_value_int(&j, 9223372036854775807ll);
	pd_json_end_array(&j);
	assert_buf(&b, "[0, 18446744073709551615, -9223372036854775808, "
		       "9223372036854775807]");
	pd_buf_free(&b);
}
END_TEST

/* A member that opens a container, the names of enumerations and values
 * escaped ahead are what the long ways write. */
START_TEST(members_open_containers)
{
	pd_buf b = PD_BUF_INIT, want = PD_BUF_INIT, esc = PD_BUF_INIT;
	pd_json j, k;

	pd_json_cstr(&esc, "a \"path\"");
	pd_json_init(&j, &b);
	pd_json_init(&k, &want);
	pd_json_begin_object(&j);
	pd_json_begin_object(&k);
	pd_json_member_object(&j, "a");
	pd_json_key(&k, "a");
	pd_json_begin_object(&k);
	pd_json_member_array(&j, "b");
	pd_json_key(&k, "b");
	pd_json_begin_array(&k);
	pd_json_value_enum(&j, "error");
	pd_json_value_cstr(&k, "error");
	pd_json_value_raw(&j, esc.ptr, esc.len);
	pd_json_value_cstr(&k, "a \"path\"");
	pd_json_end_array(&j);
	pd_json_end_array(&k);
	pd_json_member_enum(&j, "level", "note");
	pd_json_key(&k, "level");
	pd_json_value_cstr(&k, "note");
	pd_json_end_object(&j);
	pd_json_end_object(&k);
	pd_json_break(&j, "\n ");
	pd_json_break(&k, "\n ");
	pd_json_member_array(&j, "c");
	pd_json_key(&k, "c");
	pd_json_begin_array(&k);
	pd_json_end_array(&j);
	pd_json_end_array(&k);
	pd_json_end_object(&j);
	pd_json_end_object(&k);
	ck_assert_str_eq(pd_buf_cstr(&b), pd_buf_cstr(&want));
	assert_buf(&b, "{\"a\": {\"b\": [\"error\", \"a \\\"path\\\"\"], "
		       "\"level\": \"note\"},\n \"c\": []}");
	pd_buf_free(&b);
	pd_buf_free(&want);
	pd_buf_free(&esc);
}
END_TEST

/* A document like profdiff.lint.v1 written whole by one writer, with
 * `n` files of which those in `empty` have no findings: in SARIF's way a
 * file without findings writes nothing (`skip`), else it writes its own
 * object. */
static void whole_document(pd_buf *b, int n, unsigned empty, bool skip)
{
	pd_json j;
	int f;

	pd_json_init(&j, b);
	pd_json_begin_object(&j);
	pd_json_key(&j, "files");
	pd_json_begin_array(&j);
	for (f = 0; f < n; f++) {
		if (skip && (empty >> f & 1))
			continue;
		pd_json_break(&j, "\n  ");
		pd_json_value_uint(&j, (unsigned)f);
	}
	pd_json_break(&j, "\n");
	pd_json_end_array(&j);
	pd_json_key(&j, "n");
	pd_json_value_int(&j, n);
	pd_json_end_object(&j);
}

/* One file's piece, by a writer of its own within the files' array. */
static void piece(pd_buf *b, int f, unsigned empty, bool skip)
{
	pd_json j;

	pd_json_init_within(&j, b, 2, false);
	if (skip && (empty >> f & 1))
		return;
	pd_json_break(&j, "\n  ");
	pd_json_value_uint(&j, (unsigned)f);
}

/* Written a piece at a time (a head, each file's piece apart, joined by
 * the caller's commas, then an end that knows whether any was written),
 * every shape of document is the one written whole. */
START_TEST(pieces_join_into_the_whole)
{
	pd_buf whole = PD_BUF_INIT, parts = PD_BUF_INIT, one = PD_BUF_INIT;
	int n, skip;
	unsigned empty;

	for (skip = 0; skip <= 1; skip++)
		for (n = 0; n <= 3; n++)
			for (empty = 0; empty < 1u << n; empty++) {
				pd_json j;
				bool any = false;
				int f;

				pd_buf_clear(&whole);
				pd_buf_clear(&parts);
				whole_document(&whole, n, empty, skip);
				pd_json_init(&j, &parts);
				pd_json_begin_object(&j);
				pd_json_key(&j, "files");
				pd_json_begin_array(&j);
				for (f = 0; f < n; f++) {
					pd_buf_clear(&one);
					piece(&one, f, empty, skip);
					if (!one.len)
						continue;
					if (any)
						pd_buf_putc(&parts, ',');
					pd_buf_put(&parts, one.ptr, one.len);
					any = true;
				}
				pd_json_init_within(&j, &parts, 2, any);
				pd_json_break(&j, "\n");
				pd_json_end_array(&j);
				pd_json_key(&j, "n");
				pd_json_value_int(&j, n);
				pd_json_end_object(&j);
				ck_assert_str_eq(pd_buf_cstr(&parts),
						 pd_buf_cstr(&whole));
			}
	pd_buf_free(&whole);
	pd_buf_free(&parts);
	pd_buf_free(&one);
}
END_TEST

/* Pieces kept and spliced back by the document's own writer are what it
 * would have written: into an empty container, after items of its own,
 * with breaks and without, an empty piece adding nothing. */
START_TEST(spliced_pieces_are_the_writers_own)
{
	pd_buf b = PD_BUF_INIT, kept = PD_BUF_INIT;
	pd_json j, k;

	/* kept: "\n    1,\n    2", written within three containers */
	pd_json_init_within(&k, &kept, 3, false);
	pd_json_break(&k, "\n    ");
	pd_json_value_uint(&k, 1);
	pd_json_break(&k, "\n    ");
	pd_json_value_uint(&k, 2);
	pd_json_init(&j, &b);
	pd_json_begin_array(&j);
	pd_json_begin_object(&j);
	pd_json_key(&j, "c");
	pd_json_begin_array(&j);
	pd_json_splice(&j, "", 0);
	pd_json_splice(&j, kept.ptr, kept.len);
	pd_json_splice(&j, kept.ptr, kept.len);
	pd_json_splice(&j, "3, 4", 4);
	pd_json_value_uint(&j, 5);
	pd_json_break(&j, "\n  ");
	pd_json_end_array(&j);
	pd_json_key(&j, "e");
	pd_json_begin_array(&j);
	pd_json_splice(&j, "", 0);
	pd_json_end_array(&j);
	pd_json_end_object(&j);
	pd_json_end_array(&j);
	assert_buf(&b, "[{\"c\": [\n    1,\n    2,\n    1,\n    2, 3, 4, 5"
		       "\n  ], \"e\": []}]");
	/* within no container, a writer is a fresh one */
	pd_json_init_within(&j, &b, 0, true);
	pd_json_value_null(&j);
	assert_buf(&b, "null");
	pd_buf_free(&b);
	pd_buf_free(&kept);
}
END_TEST

/* nesting as deep as the writer goes keeps its commas right */
START_TEST(nesting_to_the_limit)
{
	pd_buf b = PD_BUF_INIT, want = PD_BUF_INIT;
	pd_json j;
	int k, depth = PD_JSON_MAX_DEPTH;

	pd_json_init(&j, &b);
	for (k = 0; k < depth; k++) {
		pd_json_begin_array(&j);
		pd_json_value_uint(&j, (unsigned)k);
		pd_buf_printf(&want, "[%d, ", k);
	}
	for (k = 0; k < depth; k++) {
		pd_json_value_uint(&j, 9);
		pd_json_end_array(&j);
		pd_buf_puts(&want, "9]");
		if (k + 1 < depth)
			pd_buf_puts(&want, ", ");
	}
	ck_assert_str_eq(pd_buf_cstr(&b), pd_buf_cstr(&want));
	pd_buf_free(&b);
	pd_buf_free(&want);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, json_strings_are_always_valid);
	tcase_add_test(tc, json_escapes_wherever_they_fall);
	tcase_add_test(tc, escapes_make_room_as_they_go);
	tcase_add_test(tc, the_writer_puts_commas_between_items);
	tcase_add_test(tc, members_are_keys_and_values);
	tcase_add_test(tc, numbers_of_every_length);
	tcase_add_test(tc, members_open_containers);
	tcase_add_test(tc, breaks_lay_out_lines);
	tcase_add_test(tc, pieces_join_into_the_whole);
	tcase_add_test(tc, spliced_pieces_are_the_writers_own);
	tcase_add_test(tc, nesting_to_the_limit);
	suite_add_tcase(s, tc);
	return tu_run(s);
}
