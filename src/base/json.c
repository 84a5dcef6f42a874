/*
 * json.c: JSON string literals, and the streaming writer of json.h.
 */
#include <string.h>

#include "json.h"
#include "profdiff/text.h"
#include "simd.h"

/* The end of the run of printable ASCII but '"' and '\\' from s[i]:
 * sixteen bytes at a time where the processor can. */
static size_t json_plain_run(const char *s, size_t i, size_t len)
{
#ifdef PD_SSE2
	while (len - i >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
		/* signed: the bytes from 0x80 are below 0x20 too */
		__m128i stop = _mm_or_si128(
			_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
			_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
				     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
		unsigned m = (unsigned)_mm_movemask_epi8(stop);

		if (m)
			return i + (size_t)__builtin_ctz(m);
		i += 16;
	}
#endif
	for (; i < len; i++) {
		unsigned char d = (unsigned char)s[i];

		if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
			break;
	}
	return i;
}

void pd_json_string(pd_buf *out, const char *s, size_t len)
{
	size_t i = 0;

	if (!s) {
		pd_buf_puts(out, "null");
		return;
	}
	pd_buf_putc(out, '"');
	while (i < len) {
		unsigned char c = (unsigned char)s[i];
		int32_t cp;
		size_t n, j;

		if (c >= 0x20 && c < 0x80) {
			if (c == '"' || c == '\\') {
				pd_buf_putc(out, '\\');
				pd_buf_putc(out, (char)c);
				i++;
				continue;
			}
			/* a run of printable ASCII goes as it is, whole */
			j = json_plain_run(s, i + 1, len);
			pd_buf_put(out, s + i, j - i);
			i = j;
			continue;
		}
		if (c < 0x20) {
			switch (c) {
			case '\n':
				pd_buf_puts(out, "\\n");
				break;
			case '\t':
				pd_buf_puts(out, "\\t");
				break;
			case '\r':
				pd_buf_puts(out, "\\r");
				break;
			default:
				pd_buf_printf(out, "\\u%04x", c);
			}
			i++;
			continue;
		}
		n = pd_utf8_decode(s + i, len - i, &cp);
		if (cp == 0xFFFD && n == 1)
			pd_buf_puts(out, "\\ufffd");
		else if (cp == 0x2028 || cp == 0x2029)
			pd_buf_printf(out, "\\u%04x", (unsigned)cp);
		else
			pd_buf_put(out, s + i, n);
		i += n;
	}
	pd_buf_putc(out, '"');
}

void pd_json_cstr(pd_buf *out, const char *s)
{
	pd_json_string(out, s, s ? strlen(s) : 0);
}

void pd_json_init(pd_json *j, pd_buf *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
}

/* The bit of has_items that says whether the container at `depth` (from
 * 1) holds an item. */
static uint64_t level_bit(unsigned depth)
{
	return (uint64_t)1 << ((depth - 1) & (PD_JSON_MAX_DEPTH - 1));
}

void pd_json_init_within(pd_json *j, pd_buf *out, unsigned depth,
			 bool items)
{
	unsigned d;

	pd_json_init(j, out);
	j->depth = depth;
	/* each open container holds the next one: it has an item */
	for (d = 1; d < depth; d++)
		j->has_items |= level_bit(d);
	if (depth && items)
		j->has_items |= level_bit(depth);
}

void pd_json_splice(pd_json *j, const char *piece, size_t len)
{
	uint64_t bit;

	if (!len || !j->depth)
		return;
	bit = level_bit(j->depth);
	/* after a comma, a piece's first break stands for the space */
	if (j->has_items & bit)
		pd_buf_puts(j->out, piece[0] && strchr(" \n\t\r", piece[0]) ? ","
									: ", ");
	j->has_items |= bit;
	j->brk = NULL;
	pd_buf_put(j->out, piece, len);
}

void pd_json_break(pd_json *j, const char *text)
{
	j->brk = text;
}

/* What goes before an item: nothing after a key; else a comma after an
 * item, and the break or a space. */
static void item(pd_json *j)
{
	uint64_t bit;

	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (!j->depth)
		return;
	bit = level_bit(j->depth);
	if (j->has_items & bit)
		pd_buf_puts(j->out, j->brk ? "," : ", ");
	j->has_items |= bit;
	if (j->brk)
		pd_buf_puts(j->out, j->brk);
	j->brk = NULL;
}

static void begin(pd_json *j, char open)
{
	item(j);
	pd_buf_putc(j->out, open);
	j->depth++;
	j->has_items &= ~level_bit(j->depth);
}

static void end(pd_json *j, char close)
{
	uint64_t bit;

	if (!j->depth)
		return;
	bit = level_bit(j->depth);
	if (j->brk && (j->has_items & bit))
		pd_buf_puts(j->out, j->brk);
	j->brk = NULL;
	j->has_items &= ~bit;
	j->depth--;
	pd_buf_putc(j->out, close);
}

void pd_json_begin_object(pd_json *j)
{
	begin(j, '{');
}

void pd_json_begin_array(pd_json *j)
{
	begin(j, '[');
}

void pd_json_end_object(pd_json *j)
{
	end(j, '}');
}

void pd_json_end_array(pd_json *j)
{
	end(j, ']');
}

void pd_json_key(pd_json *j, const char *key)
{
	j->after_key = false;
	item(j);
	pd_json_cstr(j->out, key);
	pd_buf_put(j->out, ": ", 2);
	j->after_key = true;
}

void pd_json_value_string(pd_json *j, const char *s, size_t len)
{
	item(j);
	pd_json_string(j->out, s, len);
}

void pd_json_value_cstr(pd_json *j, const char *s)
{
	item(j);
	pd_json_cstr(j->out, s);
}

void pd_json_value_uint(pd_json *j, unsigned long long v)
{
	item(j);
	pd_buf_put_uint(j->out, v);
}

void pd_json_value_int(pd_json *j, long long v)
{
	item(j);
	if (v < 0) {
		pd_buf_putc(j->out, '-');
		pd_buf_put_uint(j->out, 0ull - (unsigned long long)v);
		return;
	}
	pd_buf_put_uint(j->out, (unsigned long long)v);
}

void pd_json_value_bool(pd_json *j, bool v)
{
	item(j);
	pd_buf_puts(j->out, v ? "true" : "false");
}

void pd_json_value_null(pd_json *j)
{
	item(j);
	pd_buf_puts(j->out, "null");
}

void pd_json_value_raw(pd_json *j, const char *text)
{
	item(j);
	pd_buf_puts(j->out, text);
}
