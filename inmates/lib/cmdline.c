// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Boot arguments: copied once at start-up (the comm region can be
 * rewritten, a device tree overwritten), then parsed as blank-separated
 * "name=value" words, the last word for a name winning.
 */
#include "lib.h"

const char inmate_default_args[] __attribute__((weak)) = "";

static char args[BH_COMM_ARGS_SIZE];

static size_t append(size_t pos, const char *s, size_t max)
{
	if (pos && *s && pos < sizeof(args) - 1)
		args[pos++] = ' ';
	while (*s && max-- && pos < sizeof(args) - 1)
		args[pos++] = *s++;
	args[pos] = '\0';
	return pos;
}

void args_setup(uint64_t boot_x0)
{
	struct bh_comm_region *comm = comm_region();
	size_t pos;

	if (!inmate_bare_metal()) {
		if (comm)
			append(0, comm->args, sizeof(comm->args));
		return;
	}
	pos = append(0, inmate_default_args, sizeof(args));
	if (boot_x0)
		append(pos, fdt_bootargs(boot_x0), sizeof(args));
}

const char *inmate_args(void)
{
	return args;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * The value of the last "name=value" word: its start and length. A bare
 * "name" word has an empty value with *has_value false.
 */
static const char *find_value(const char *name, size_t *len, bool *has_value)
{
	size_t name_len = strlen(name);
	const char *p = args, *found = NULL;

	while (*p) {
		const char *word;

		while (is_blank(*p))
			p++;
		word = p;
		while (*p && !is_blank(*p))
			p++;
		if (!strncmp(word, name, name_len) &&
		    (word[name_len] == '=' || word + name_len == p)) {
			*has_value = word[name_len] == '=';
			found = word + name_len + *has_value;
			*len = p - found;
		}
	}
	return found;
}

/* Parses [+-][0x]digits spanning exactly len characters. */
static bool parse_long(const char *s, size_t len, long *out)
{
	unsigned long v = 0, base = 10;
	bool neg = false;
	size_t i = 0;

	if (len && (s[0] == '-' || s[0] == '+')) {
		neg = s[0] == '-';
		i++;
	}
	if (len - i > 2 && s[i] == '0' &&
	    (s[i + 1] == 'x' || s[i + 1] == 'X')) {
		base = 16;
		i += 2;
	}
	if (i == len)
		return false;
	for (; i < len; i++) {
		char c = s[i];
		unsigned long d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (base == 16 && c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (base == 16 && c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return false;
		v = v * base + d;
	}
	*out = neg ? -(long)v : (long)v;
	return true;
}

long cmdline_parse_int(const char *name, long def)
{
	bool has_value;
	size_t len;
	const char *v = find_value(name, &len, &has_value);
	long val;

	if (!v || !parse_long(v, len, &val))
		return def;
	return val;
}

static bool word_is(const char *v, size_t len, const char *word)
{
	return strlen(word) == len && !strncmp(v, word, len);
}

bool cmdline_parse_bool(const char *name, bool def)
{
	static const char *const yes[] = { "1", "y", "yes", "on", "true" };
	static const char *const no[] = { "0", "n", "no", "off", "false" };
	bool has_value;
	size_t len, i;
	const char *v = find_value(name, &len, &has_value);

	if (!v)
		return def;
	if (!has_value)
		return true;
	for (i = 0; i < ARRAY_SIZE(yes); i++) {
		if (word_is(v, len, yes[i]))
			return true;
		if (word_is(v, len, no[i]))
			return false;
	}
	return def;
}

const char *cmdline_parse_str(const char *name, char *buf, size_t size,
			      const char *def)
{
	bool has_value;
	size_t len;
	const char *v = find_value(name, &len, &has_value);

	if (!v || !size)
		return def;
	if (len > size - 1)
		len = size - 1;
	memcpy(buf, v, len);
	buf[len] = '\0';
	return buf;
}
