// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_seq": sequence-number arithmetic of seq.h,
 * RFC 9293 §3.4 ("all arithmetic dealing with sequence numbers must be
 * performed modulo 2**32"), with particular care at the wraparound.
 */
#include <kunit/test.h>

#include "../module/seq.h"

/* RFC 9293 §3.4: comparisons hold modulo 2^32, across the wrap. */
static void seq_order_wraps(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, seqno_lt(1, 2));
	KUNIT_EXPECT_FALSE(test, seqno_lt(2, 1));
	KUNIT_EXPECT_FALSE(test, seqno_lt(5, 5));
	/* 0xffffffff comes right before 0 */
	KUNIT_EXPECT_TRUE(test, seqno_lt(0xffffffffU, 0));
	KUNIT_EXPECT_TRUE(test, seqno_gt(0, 0xffffffffU));
	KUNIT_EXPECT_TRUE(test, seqno_lt(0xfffffff0U, 0x10));
	KUNIT_EXPECT_FALSE(test, seqno_gt(0xfffffff0U, 0x10));
	/* half the circle away is the edge: 2^31 - 1 ahead is still after */
	KUNIT_EXPECT_TRUE(test, seqno_gt(0x7fffffffU, 0));
	KUNIT_EXPECT_TRUE(test, seqno_lt(0x80000001U, 0x0));
}

static void seq_order_non_strict(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, seqno_le(7, 7));
	KUNIT_EXPECT_TRUE(test, seqno_ge(7, 7));
	KUNIT_EXPECT_TRUE(test, seqno_le(0xffffffffU, 0));
	KUNIT_EXPECT_FALSE(test, seqno_ge(0xffffffffU, 0));
	KUNIT_EXPECT_TRUE(test, seqno_ge(3, 0xfffffffdU));
}

/*
 * RFC 9293 §3.10.7.4: RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND, a half-open
 * range; a zero window accepts nothing.
 */
static void seq_in_window(struct kunit *test)
{
	u32 nxt = 0xfffffff0U, wnd = 0x20;

	KUNIT_EXPECT_TRUE(test, seqno_in(nxt, nxt, nxt + wnd));
	KUNIT_EXPECT_TRUE(test, seqno_in(0, nxt, nxt + wnd));
	KUNIT_EXPECT_TRUE(test, seqno_in(nxt + wnd - 1, nxt, nxt + wnd));
	KUNIT_EXPECT_FALSE(test, seqno_in(nxt + wnd, nxt, nxt + wnd));
	KUNIT_EXPECT_FALSE(test, seqno_in(nxt - 1, nxt, nxt + wnd));
	KUNIT_EXPECT_FALSE(test, seqno_in(nxt, nxt, nxt));
}

static void seq_max(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, seqno_max(1, 2), 2U);
	KUNIT_EXPECT_EQ(test, seqno_max(0xffffffffU, 1), 1U);
	KUNIT_EXPECT_EQ(test, seqno_max(1, 0xffffffffU), 1U);
}

static struct kunit_case edutcp_seq_cases[] = {
	KUNIT_CASE(seq_order_wraps),
	KUNIT_CASE(seq_order_non_strict),
	KUNIT_CASE(seq_in_window),
	KUNIT_CASE(seq_max),
	{}
};

static struct kunit_suite edutcp_seq_suite = {
	.name = "edutcp_seq",
	.test_cases = edutcp_seq_cases,
};

kunit_test_suite(edutcp_seq_suite);
