// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_ato": the delayed-ACK engine alone (ato.c):
 * quick-ACK mode at the start and after a silence, ping-pong detection
 * and its end, the delay's adaptation and bounds (RFC 9293 MUST-40,
 * RFC 1122 4.2.3.2), as Linux's TCP decides them. Times are in jiffies.
 */
#include <kunit/test.h>

#include "../module/stream.h"

static const struct edutcp_ato_limits lim = { .min = 40, .max = 200 };
#define RTO 300U
#define WND 65535U
#define MSS 1460U

/* the first text: quick-ACK mode, 16 ACKs at most, each one at once */
static void ato_first_text_is_quick(struct kunit *test)
{
	struct edutcp_ato a = {};
	int i;

	KUNIT_EXPECT_FALSE(test, edutcp_ato_now(&a));
	edutcp_ato_rcv(&a, 1000, false, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, lim.min);
	KUNIT_EXPECT_EQ(test, (u32)a.quick, 16U);	/* 65535 / 2920 = 22 > 16 */
	for (i = 0; i < 16; i++) {
		KUNIT_EXPECT_TRUE(test, edutcp_ato_now(&a));
		edutcp_ato_acked(&a, &lim);
	}
	KUNIT_EXPECT_FALSE(test, edutcp_ato_now(&a));
}

/* a small window gives fewer quick ACKs: one per two segments, 2 at least */
static void ato_quick_count_follows_window(struct kunit *test)
{
	struct edutcp_ato a = {}, b = {};

	edutcp_ato_rcv(&a, 1000, false, 8 * MSS, MSS, RTO, &lim);
	KUNIT_EXPECT_EQ(test, (u32)a.quick, 4U);
	edutcp_ato_rcv(&b, 1000, false, MSS, MSS, RTO, &lim);
	KUNIT_EXPECT_EQ(test, (u32)b.quick, 2U);
}

/* an answer sent within the delay: interactive, ACKs wait for answers */
static void ato_pingpong(struct kunit *test)
{
	struct edutcp_ato a = {};

	edutcp_ato_rcv(&a, 1000, true, WND, MSS, RTO, &lim);
	edutcp_ato_data_sent(&a, 1010);
	KUNIT_EXPECT_TRUE(test, (bool)a.pingpong);
	KUNIT_EXPECT_FALSE(test, edutcp_ato_now(&a));	/* quick ACKs left */
	/* the reader taking one small segment waits too: the answer carries it */
	KUNIT_EXPECT_FALSE(test, edutcp_ato_on_read(&a));
	/* two of them unacknowledged: ACK on the read, interactive or not */
	edutcp_ato_rcv(&a, 1015, true, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_TRUE(test, edutcp_ato_on_read(&a));
	/* the delayed ACK had to go alone: no longer interactive */
	edutcp_ato_missed(&a, RTO, &lim);
	KUNIT_EXPECT_FALSE(test, (bool)a.pingpong);
	KUNIT_EXPECT_EQ(test, a.ato, lim.min);
	KUNIT_EXPECT_TRUE(test, edutcp_ato_now(&a));
}

/* an answer later than the delay is not one */
static void ato_late_answer_not_pingpong(struct kunit *test)
{
	struct edutcp_ato a = {};

	edutcp_ato_data_sent(&a, 1000);		/* nothing received yet */
	KUNIT_EXPECT_FALSE(test, (bool)a.pingpong);
	edutcp_ato_rcv(&a, 1000, false, WND, MSS, RTO, &lim);
	edutcp_ato_data_sent(&a, 1000 + lim.min);
	KUNIT_EXPECT_FALSE(test, (bool)a.pingpong);
	/* not interactive: a small segment is acknowledged when read */
	edutcp_ato_rcv(&a, 1050, true, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_TRUE(test, edutcp_ato_on_read(&a));
	edutcp_ato_acked(&a, &lim);
	KUNIT_EXPECT_FALSE(test, edutcp_ato_on_read(&a));
}

/*
 * The delay follows the gaps: arrivals within min/2 pull it towards
 * min; a gap under the delay sets it to delay/2 + gap, at most the RTO
 * and the maximum; a delayed ACK sent alone doubles it.
 */
static void ato_adapts(struct kunit *test)
{
	struct edutcp_ato a = {};

	edutcp_ato_rcv(&a, 1000, false, WND, MSS, RTO, &lim);
	edutcp_ato_missed(&a, RTO, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, 80U);
	edutcp_ato_missed(&a, RTO, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, 160U);
	edutcp_ato_missed(&a, RTO, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, lim.max);		/* 320 > 200 */
	edutcp_ato_rcv(&a, 1150, false, WND, MSS, RTO, &lim);
	/* a gap of 150 under the delay of 200: 200 / 2 + 150, at most 200 */
	KUNIT_EXPECT_EQ(test, a.ato, lim.max);
	edutcp_ato_rcv(&a, 1160, false, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, lim.max / 2 + lim.min / 2);	/* 10 <= 20 */
	/* a small RTO bounds it */
	edutcp_ato_missed(&a, 50, &lim);
	KUNIT_EXPECT_EQ(test, a.ato, 50U);
}

/* a silence longer than the RTO: quick ACKs again, to restart the sender */
static void ato_quick_after_silence(struct kunit *test)
{
	struct edutcp_ato a = {};
	int i;

	edutcp_ato_rcv(&a, 1000, false, WND, MSS, RTO, &lim);
	for (i = 0; i < 16; i++)
		edutcp_ato_acked(&a, &lim);
	edutcp_ato_rcv(&a, 1000 + RTO, false, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_FALSE(test, edutcp_ato_now(&a));	/* not longer: no */
	edutcp_ato_rcv(&a, 1001 + 2 * RTO, false, WND, MSS, RTO, &lim);
	KUNIT_EXPECT_TRUE(test, edutcp_ato_now(&a));
}

/* text that came again: quick ACKs, and not interactive */
static void ato_duplicate_text(struct kunit *test)
{
	struct edutcp_ato a = { .ato = 160, .pingpong = 1 };

	edutcp_ato_enter_quick(&a, WND, MSS, &lim);
	KUNIT_EXPECT_TRUE(test, edutcp_ato_now(&a));
	KUNIT_EXPECT_EQ(test, a.ato, lim.min);
}

/* MUST-40: the timer waits under 0.5 s, never longer than the RTT either */
static void ato_delay_bounds(struct kunit *test)
{
	struct edutcp_ato a = { .ato = 180 };

	KUNIT_EXPECT_EQ(test, edutcp_ato_delay(&a, 0, &lim), 180U);
	KUNIT_EXPECT_EQ(test, edutcp_ato_delay(&a, 100, &lim), 100U);
	KUNIT_EXPECT_EQ(test, edutcp_ato_delay(&a, 10, &lim), lim.min);
	a.ato = 1000;
	KUNIT_EXPECT_EQ(test, edutcp_ato_delay(&a, 0, &lim), lim.max);
	a.ato = 0;
	KUNIT_EXPECT_EQ(test, edutcp_ato_delay(&a, 0, &lim), lim.min);
}

static struct kunit_case edutcp_ato_cases[] = {
	KUNIT_CASE(ato_first_text_is_quick),
	KUNIT_CASE(ato_quick_count_follows_window),
	KUNIT_CASE(ato_pingpong),
	KUNIT_CASE(ato_late_answer_not_pingpong),
	KUNIT_CASE(ato_adapts),
	KUNIT_CASE(ato_quick_after_silence),
	KUNIT_CASE(ato_duplicate_text),
	KUNIT_CASE(ato_delay_bounds),
	{}
};

static struct kunit_suite edutcp_ato_suite = {
	.name = "edutcp_ato",
	.test_cases = edutcp_ato_cases,
};

kunit_test_suite(edutcp_ato_suite);
