// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_cubic": CUBIC's window (cubic.c) against
 * RFC 9438's formulas, their values worked out by hand (in floating
 * point, in the comments) rather than by the code under test: K (2),
 * W_cubic(t) (1), the decrease and fast convergence (§4.6, §4.7), the
 * concave and convex regions (§4.4, §4.5), the Reno-friendly region
 * (§4.3); and the algorithm chosen by name, per socket and namespace.
 */
#include <kunit/test.h>

#include "../module/edutcp.h"

#define MSS 1000

/* lo =< v =< hi (KUNIT_EXPECT_IN_RANGE is newer than 6.1) */
static void expect_in(struct kunit *test, u32 v, u32 lo, u32 hi)
{
	KUNIT_EXPECT_GE(test, v, lo);
	KUNIT_EXPECT_LE(test, v, hi);
}

static void cubic_cbrt(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(0), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(7), 1U);
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(8), 2U);
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(999999), 99U);
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(1000000), 100U);
	/* (2^21)^3 = 2^63 */
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(1ULL << 63), 1U << 21);
	KUNIT_EXPECT_EQ(test, edutcp_cbrt(U64_MAX), 2642245U);
}

/*
 * W_max 100 segments, cwnd 70 after the loss: K = cbrt(30 / 0.4) s =
 * cbrt(75) = 4.2172 s. W_cubic(0) = 100 - 0.4 * 4.2172^3 = 70;
 * W_cubic(2 s) = 100 - 0.4 * 2.2172^3 = 95.640; W_cubic(K) = 100;
 * W_cubic(K + 1 s) = 100.4; W_cubic(K + 10 s) = 500.
 */
static void cubic_window_function(struct kunit *test)
{
	u32 k = edutcp_cubic_k(100 * MSS, 70 * MSS, MSS);

	KUNIT_EXPECT_EQ(test, k, 4217U);
	KUNIT_EXPECT_EQ(test, edutcp_cubic_k(100 * MSS, 100 * MSS, MSS), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_cubic_k(100 * MSS, 120 * MSS, MSS), 0U);
	expect_in(test, edutcp_cubic_window(100 * MSS, k, 0, MSS),
		  69990U, 70010U);
	expect_in(test, edutcp_cubic_window(100 * MSS, k, 2000, MSS),
		  95630U, 95650U);
	KUNIT_EXPECT_EQ(test, edutcp_cubic_window(100 * MSS, k, k, MSS),
			100U * MSS);
	expect_in(test, edutcp_cubic_window(100 * MSS, k, k + 1000, MSS),
		  100390U, 100410U);
	expect_in(test, edutcp_cubic_window(100 * MSS, k, k + 10000, MSS),
		  499900U, 500100U);
	/* never below one segment, never past 2^30 */
	KUNIT_EXPECT_EQ(test, edutcp_cubic_window(2 * MSS, 50000, 0, MSS), MSS);
	KUNIT_EXPECT_EQ(test, edutcp_cubic_window(MSS, 0, 200000, 65535),
			1U << 30);
}

/* §4.6: ssthresh = 0.7 cwnd; §4.7: a loss below W_max leaves 0.85 cwnd */
static void cubic_decrease(struct kunit *test)
{
	struct edutcp_cc cc;

	edutcp_cc_init(&cc, MSS, 0, false);
	cc.algo = EDUTCP_CC_CUBIC;
	cc.cwnd = 100 * MSS;
	KUNIT_EXPECT_EQ(test, edutcp_cubic_loss(&cc), 70U * MSS);
	KUNIT_EXPECT_EQ(test, cc.w_max, 100U * MSS);
	cc.cwnd = 80 * MSS;	/* the next loss, before W_max came back */
	KUNIT_EXPECT_EQ(test, edutcp_cubic_loss(&cc), 56U * MSS);
	KUNIT_EXPECT_EQ(test, cc.w_max, 68U * MSS);
	KUNIT_EXPECT_EQ(test, cc.prior_w_max, 100U * MSS);
	cc.cwnd = 2 * MSS;	/* never below two segments */
	KUNIT_EXPECT_EQ(test, edutcp_cubic_loss(&cc), 2U * MSS);
	/* through cc.c: three duplicate ACKs, NewReno's recovery, 0.7 */
	edutcp_cc_init(&cc, MSS, 0, false);
	cc.algo = EDUTCP_CC_CUBIC;
	cc.cwnd = 100 * MSS;
	edutcp_cc_dup_ack(&cc, 1, 100 * MSS, 100001);
	edutcp_cc_dup_ack(&cc, 1, 100 * MSS, 100001);
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, 1, 100 * MSS, 100001),
			EDUTCP_CC_FAST_RETRANSMIT);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 70U * MSS);
	edutcp_cc_timeout(&cc, 100 * MSS, 100001, false);
	KUNIT_EXPECT_EQ(test, cc.cwnd, MSS);
}

/*
 * @ms of a full window each round trip of @rtt: a window's worth of
 * ACKs, a segment each, then the next round trip.
 */
static void cubic_run(struct edutcp_cc *cc, u32 *now, u32 ms, u32 rtt)
{
	u32 end = *now + ms, acked, w;

	for (; *now < end; *now += rtt)
		for (acked = 0, w = cc->cwnd; acked < w; acked += MSS)
			edutcp_cc_new_ack(cc, *now, MSS, cc->cwnd - MSS, *now,
					  rtt);
}

/*
 * §4.4, §4.5: from 70 segments after a loss at 100, cwnd climbs fast,
 * then levels off near W_max (concave: K = 4.2 s), then climbs again
 * (convex). One round trip ahead of W_cubic, never more than 1.5 cwnd.
 */
static void cubic_growth(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 now = 1000, at_k;

	edutcp_cc_init(&cc, MSS, 0, false);
	cc.algo = EDUTCP_CC_CUBIC;
	cc.cwnd = 100 * MSS;
	cc.ssthresh = edutcp_cubic_loss(&cc);
	cc.cwnd = cc.ssthresh;
	cubic_run(&cc, &now, 2000, 100);
	/* W_cubic(2.1 s) = 100 - 0.4 * 2.1172^3 = 96.2 */
	expect_in(test, cc.cwnd, 94U * MSS, 97U * MSS);
	cubic_run(&cc, &now, 2117, 100);	/* to K - 100 ms */
	at_k = cc.cwnd;
	expect_in(test, at_k, 99U * MSS, 100U * MSS + 500);
	cubic_run(&cc, &now, 5000, 100);
	/* W_cubic(K + 5.1 s) = 100 + 0.4 * 5.1^3 = 153.1 */
	expect_in(test, cc.cwnd, 145U * MSS, 155U * MSS);
}

/*
 * §4.3: where Reno would be ahead, cwnd is W_est. W_max 10, cwnd 7, a
 * round trip of 10 ms: in 0.5 s W_cubic climbs only to 10 - 0.4 *
 * (1.957 - 0.51)^3 = 8.8 segments (K = cbrt(7.5) = 1.957 s), while
 * Reno's W_est gains 9/17 of a segment a round trip (1 from W_max on):
 * 7 + 3 / 0.53 round trips, then one a round trip, past 40.
 */
static void cubic_reno_friendly(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 now = 1000;

	edutcp_cc_init(&cc, MSS, 0, false);
	cc.algo = EDUTCP_CC_CUBIC;
	cc.cwnd = 10 * MSS;
	cc.ssthresh = edutcp_cubic_loss(&cc);
	cc.cwnd = cc.ssthresh;
	cubic_run(&cc, &now, 500, 10);
	KUNIT_EXPECT_GT(test, cc.w_est, 40U * MSS);
	KUNIT_EXPECT_GE(test, cc.cwnd, cc.w_est);
	expect_in(test, edutcp_cubic_window(cc.origin, cc.k_ms, 510, MSS),
		  8700U, 8900U);
}

/* The names of TCP_CONGESTION and net.edutcp.congestion_control */
static void cubic_names(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_cc_find("reno"), EDUTCP_CC_RENO);
	KUNIT_EXPECT_EQ(test, edutcp_cc_find("cubic"), EDUTCP_CC_CUBIC);
	KUNIT_EXPECT_EQ(test, edutcp_cc_find("bbr"), -ENOENT);
	KUNIT_EXPECT_EQ(test, edutcp_cc_find(""), -ENOENT);
	KUNIT_EXPECT_STREQ(test, edutcp_cc_name(EDUTCP_CC_CUBIC), "cubic");
	KUNIT_EXPECT_STREQ(test, edutcp_cc_name(200), "reno");
}

static struct kunit_case edutcp_cubic_cases[] = {
	KUNIT_CASE(cubic_cbrt),
	KUNIT_CASE(cubic_window_function),
	KUNIT_CASE(cubic_decrease),
	KUNIT_CASE(cubic_growth),
	KUNIT_CASE(cubic_reno_friendly),
	KUNIT_CASE(cubic_names),
	{}
};

static struct kunit_suite edutcp_cubic_suite = {
	.name = "edutcp_cubic",
	.test_cases = edutcp_cubic_cases,
};

kunit_test_suite(edutcp_cubic_suite);
