/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bitmaps over arrays of u64 words: bit n is bit (n % 64) of word n / 64.
 * The caller owns the storage (size it with BITMAP_WORDS) and any locking.
 * Bits past the end of a bitmap, in its last word, are ignored by searches.
 */
#ifndef _HV_BITMAP_H
#define _HV_BITMAP_H

#include <hv/types.h>

#define BITS_PER_WORD	   64
#define BITMAP_WORDS(bits) (((bits) + BITS_PER_WORD - 1) / BITS_PER_WORD)

static inline u64 bitmap_word(u64 bit)
{
	return bit / BITS_PER_WORD;
}

static inline u64 bitmap_mask(u64 bit)
{
	return 1ULL << (bit % BITS_PER_WORD);
}

static inline void bitmap_set(u64 *map, u64 bit)
{
	map[bitmap_word(bit)] |= bitmap_mask(bit);
}

static inline void bitmap_clear(u64 *map, u64 bit)
{
	map[bitmap_word(bit)] &= ~bitmap_mask(bit);
}

static inline bool bitmap_test(const u64 *map, u64 bit)
{
	return map[bitmap_word(bit)] & bitmap_mask(bit);
}

/* Mask of bits [start % 64, start % 64 + n) of one word; n is 1..64. */
static inline u64 bitmap_word_mask(u64 start, u64 n)
{
	u64 lo = start % BITS_PER_WORD;
	u64 bits = n == BITS_PER_WORD ? ~0ULL : (1ULL << n) - 1;

	return bits << lo;
}

/* Sets (@value true) or clears bits [start, start + n), a word at a time. */
static inline void bitmap_assign_range(u64 *map, u64 start, u64 n, bool value)
{
	while (n) {
		u64 chunk = MIN(n, BITS_PER_WORD - start % BITS_PER_WORD);
		u64 mask = bitmap_word_mask(start, chunk);

		if (value)
			map[bitmap_word(start)] |= mask;
		else
			map[bitmap_word(start)] &= ~mask;
		start += chunk;
		n -= chunk;
	}
}

static inline void bitmap_set_range(u64 *map, u64 start, u64 n)
{
	bitmap_assign_range(map, start, n, true);
}

static inline void bitmap_clear_range(u64 *map, u64 start, u64 n)
{
	bitmap_assign_range(map, start, n, false);
}

/*
 * First bit at or after @from that equals @value, or @nbits if none.
 * Whole words that cannot match are skipped.
 */
static inline u64 bitmap_find_next(const u64 *map, u64 nbits, u64 from,
				   bool value)
{
	u64 w, word, bit;

	if (from >= nbits)
		return nbits;
	w = bitmap_word(from);
	word = (value ? map[w] : ~map[w]) & (~0ULL << (from % BITS_PER_WORD));
	while (!word) {
		if (++w >= BITMAP_WORDS(nbits))
			return nbits;
		word = value ? map[w] : ~map[w];
	}
	bit = w * BITS_PER_WORD + __builtin_ctzll(word);
	return MIN(bit, nbits);
}

static inline u64 bitmap_find_next_set(const u64 *map, u64 nbits, u64 from)
{
	return bitmap_find_next(map, nbits, from, true);
}

static inline u64 bitmap_find_next_zero(const u64 *map, u64 nbits, u64 from)
{
	return bitmap_find_next(map, nbits, from, false);
}

/* True if every bit of [start, start + n) is set. */
static inline bool bitmap_range_is_set(const u64 *map, u64 start, u64 n)
{
	return bitmap_find_next_zero(map, start + n, start) >= start + n;
}

/* True if every bit of [start, start + n) is clear. */
static inline bool bitmap_range_is_clear(const u64 *map, u64 start, u64 n)
{
	return bitmap_find_next_set(map, start + n, start) >= start + n;
}

/*
 * Lowest start of @n clear bits in a row, below @nbits, such that
 * (start + @offset) is a multiple of @align (a power of two). @offset lets a
 * caller align to something other than bit 0, e.g. to physical addresses
 * when bit 0 stands for page frame @offset. Returns @nbits if there is none.
 */
static inline u64 bitmap_find_zero_run(const u64 *map, u64 nbits, u64 n,
				       u64 align, u64 offset)
{
	u64 start = 0;

	while (start < nbits) {
		u64 set;

		start = bitmap_find_next_zero(map, nbits, start);
		start = ALIGN_UP(start + offset, align) - offset;
		if (start >= nbits || n > nbits - start)
			break;
		set = bitmap_find_next_set(map, start + n, start);
		if (set >= start + n)
			return start;
		start = set + 1;
	}
	return nbits;
}

/*
 * Number of set bits in a word. Open-coded: the compiler's popcount needs
 * SIMD registers on arm64, which the hypervisor is built without.
 */
static inline u64 bitmap_weight_word(u64 w)
{
	w = w - ((w >> 1) & 0x5555555555555555ULL);
	w = (w & 0x3333333333333333ULL) + ((w >> 2) & 0x3333333333333333ULL);
	w = (w + (w >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (w * 0x0101010101010101ULL) >> 56;
}

/* Number of set bits among the first @nbits. */
static inline u64 bitmap_count(const u64 *map, u64 nbits)
{
	u64 count = 0, w;

	for (w = 0; w < nbits / BITS_PER_WORD; w++)
		count += bitmap_weight_word(map[w]);
	if (nbits % BITS_PER_WORD)
		count += bitmap_weight_word(
			map[w] & bitmap_word_mask(0, nbits % BITS_PER_WORD));
	return count;
}

#endif
