/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: sequence-number arithmetic (RFC 9293 §3.4).
 *
 * Sequence numbers live on a circle of 2^32 values, so "a comes before b"
 * is not a < b: it is "going forward from a to b is shorter than going
 * back", i.e. the signed 32-bit difference b - a is positive. Every
 * comparison of sequence numbers in edutcp goes through these helpers.
 * They are meaningful only for values less than 2^31 apart, which the
 * window sizes TCP allows guarantee.
 */
#ifndef _EDUTCP_SEQ_H
#define _EDUTCP_SEQ_H

#include <linux/types.h>

/* seqno_lt() - a < b: a comes strictly before b on the circle. */
static inline bool seqno_lt(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

/* seqno_le() - a =< b. */
static inline bool seqno_le(u32 a, u32 b)
{
	return (s32)(a - b) <= 0;
}

/* seqno_gt() - a > b. */
static inline bool seqno_gt(u32 a, u32 b)
{
	return seqno_lt(b, a);
}

/* seqno_ge() - a >= b. */
static inline bool seqno_ge(u32 a, u32 b)
{
	return seqno_le(b, a);
}

/**
 * seqno_in() - lo =< s < hi: s lies in the half-open range [lo, hi)
 * @s: the sequence number tested
 * @lo: first number of the range
 * @hi: first number past the range
 *
 * This is the shape of every acceptability test of RFC 9293 §3.10.7.4,
 * e.g. RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND. An empty range (lo == hi)
 * contains nothing.
 */
static inline bool seqno_in(u32 s, u32 lo, u32 hi)
{
	return s - lo < hi - lo;
}

/* seqno_max() - whichever of a and b comes later on the circle. */
static inline u32 seqno_max(u32 a, u32 b)
{
	return seqno_lt(a, b) ? b : a;
}

/* seqno_min() - whichever of a and b comes earlier on the circle. */
static inline u32 seqno_min(u32 a, u32 b)
{
	return seqno_lt(a, b) ? a : b;
}

#endif /* _EDUTCP_SEQ_H */
