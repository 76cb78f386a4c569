// SPDX-License-Identifier: GPL-2.0
/* Unit tests of the shared printf formatter (lib/format.c). */
#include "../../lib/format.c"
#include "unit.h"

struct buf {
	char s[128];
	size_t n;
};

static void emit(char c, void *ctx)
{
	struct buf *b = ctx;

	if (b->n < sizeof(b->s) - 1)
		b->s[b->n++] = c;
	b->s[b->n] = 0;
}

static const char *fmt(const char *f, ...)
{
	static struct buf b;
	va_list ap;

	b.n = 0;
	b.s[0] = 0;
	va_start(ap, f);
	bh_vformat(emit, &b, f, ap);
	va_end(ap);
	return b.s;
}

TEST(format_integers)
{
	CHECK_STR(fmt("%d %i %u", -42, 7, 3000000000U), "-42 7 3000000000");
	CHECK_STR(fmt("%ld", -9000000000L), "-9000000000");
	CHECK_STR(fmt("%llu", 18446744073709551615ULL), "18446744073709551615");
	CHECK_STR(fmt("%zu", (size_t)12), "12");
	CHECK_STR(fmt("%d", 0), "0");
}

TEST(format_hex_and_pointers)
{
	CHECK_STR(fmt("%x %X", 0xbeef, 0xbeef), "beef BEEF");
	CHECK_STR(fmt("%016llx", 0x7f800000ULL), "000000007f800000");
	CHECK_STR(fmt("%p", (void *)0x1000), "0x1000");
}

TEST(format_width_and_flags)
{
	CHECK_STR(fmt("[%5d]", 42), "[   42]");
	CHECK_STR(fmt("[%-5d]", 42), "[42   ]");
	CHECK_STR(fmt("[%05d]", -42), "[-0042]");
	CHECK_STR(fmt("[%-8s]", "ab"), "[ab      ]");
	CHECK_STR(fmt("[%4s]", "abcdef"), "[abcdef]");
}

TEST(format_strings_and_misc)
{
	CHECK_STR(fmt("%s-%c-%%", "x", 'y'), "x-y-%");
	CHECK_STR(fmt("%s", (char *)NULL), "(null)");
	CHECK_STR(fmt("%q"), "%q");
	CHECK_STR(fmt("trailing %"), "trailing ");
}

int main(void)
{
	unit_suite = "unit/format";
	RUN(format_integers);
	RUN(format_hex_and_pointers);
	RUN(format_width_and_flags);
	RUN(format_strings_and_misc);
	return 0;
}
