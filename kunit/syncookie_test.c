// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_syncookie": SYN cookies (RFC 4987 §3.6,
 * module/syncookie.c), with the secret and the clock injected: a cookie
 * comes back good only to its own 4-tuple and peer ISN, within its period
 * and the next, with the MSS it was made with; and when a SYN gets one.
 */
#include <kunit/test.h>

#include "../module/edutcp.h"

static const siphash_key_t key1 = {{ 11, 12 }}, key2 = {{ 13, 14 }};

/* a SYN from 10.0.0.2:40000 to 10.0.0.1:80 with ISN 1000 */
static struct edutcp_seg syn_seg(void)
{
	return (struct edutcp_seg){
		.saddr = htonl(0x0a000002), .daddr = htonl(0x0a000001),
		.sport = htons(40000), .dport = htons(80),
		.seq = 1000, .flags = EDUTCP_SYN,
	};
}

/* the final ACK for it: SEQ = ISN + 1, ACK = cookie + 1 */
static struct edutcp_seg ack_seg(u32 cookie)
{
	struct edutcp_seg s = syn_seg();

	s.seq = 1001;
	s.ack = cookie + 1;
	s.flags = EDUTCP_ACK;
	return s;
}

/* RFC 4987 §3.6: the ACK brings the cookie back, and with it the MSS */
static void edutcp_cookie_check__round_trip_keeps_mss(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg(), ack;
	unsigned int i;

	for (i = 0; i < EDUTCP_COOKIE_NR_MSS; i++) {
		ack = ack_seg(edutcp_cookie_make(&key1, &syn, 77, i));
		KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 77),
				(int)i);
	}
}

/* the top five bits are t mod 32, the next three the MSS index */
static void edutcp_cookie_make__bernstein_layout(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg();
	u32 c = edutcp_cookie_make(&key1, &syn, 32 + 5, 6);

	KUNIT_EXPECT_EQ(test, c >> 27, 5U);
	KUNIT_EXPECT_EQ(test, (c >> 24) & 7, 6U);
}

/* good in its period and the next (64 to 128 s), not in the one after */
static void edutcp_cookie_check__expires_after_one_period(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg(), ack;

	ack = ack_seg(edutcp_cookie_make(&key1, &syn, 100, 2));
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 101), 2);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 102), -1);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 100 + 32), -1);
	/* nor one from the future */
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 99), -1);
}

/* t is kept mod 32: a cookie made at t = 31 is good at t = 32 */
static void edutcp_cookie_check__period_wraps(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg(), ack;

	ack = ack_seg(edutcp_cookie_make(&key1, &syn, 31, 3));
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 32), 3);
	ack = ack_seg(edutcp_cookie_make(&key1, &syn, 0xffffffff, 3));
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 0), 3);
}

/* RFC 4987 §3.6: a cookie opens only its own 4-tuple, for its own ISN */
static void edutcp_cookie_check__bound_to_tuple_and_isn(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg(), ack;
	u32 c = edutcp_cookie_make(&key1, &syn, 50, 4);

	ack = ack_seg(c);
	ack.sport = htons(40001);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 50), -1);
	ack = ack_seg(c);
	ack.saddr = htonl(0x0a000003);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 50), -1);
	ack = ack_seg(c);
	ack.dport = htons(81);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 50), -1);
	ack = ack_seg(c);
	ack.seq = 1002;		/* another ISN than the SYN's */
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key1, &ack, 50), -1);
	ack = ack_seg(c);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_check(&key2, &ack, 50), -1);
}

/* a forged cookie: any one bit of the hash changed fails */
static void edutcp_cookie_check__forged_hash_fails(struct kunit *test)
{
	struct edutcp_seg syn = syn_seg(), ack;
	u32 c = edutcp_cookie_make(&key1, &syn, 9, 1);
	int bit;

	for (bit = 0; bit < 24; bit++) {
		ack = ack_seg(c ^ BIT(bit));
		KUNIT_EXPECT_EQ_MSG(test, edutcp_cookie_check(&key1, &ack, 9),
				    -1, "bit %d", bit);
	}
	/* the hash covers the MSS bits and t's too */
	for (bit = 24; bit < 32; bit++) {
		ack = ack_seg(c ^ BIT(bit));
		KUNIT_EXPECT_EQ_MSG(test, edutcp_cookie_check(&key1, &ack, 9),
				    -1, "bit %d", bit);
	}
}

/* the MSS is rounded down to the table, never up */
static void edutcp_cookie_mss_index__rounds_down(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss[edutcp_cookie_mss_index(1460)],
			1460);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss[edutcp_cookie_mss_index(1459)],
			1440);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss[edutcp_cookie_mss_index(65495)],
			65495);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss[edutcp_cookie_mss_index(535)],
			256);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss_index(48), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_cookie_mss_index(1), 0U);
}

/* syncookies 0, 1, 2 as Linux's: never, when the SYN queue is full, always */
static void edutcp_cookie_wanted__linux_meaning(struct kunit *test)
{
	KUNIT_EXPECT_FALSE(test, edutcp_cookie_wanted(0, EDUTCP_MIB_LISTENDROPS));
	KUNIT_EXPECT_FALSE(test, edutcp_cookie_wanted(1, 0));
	KUNIT_EXPECT_TRUE(test, edutcp_cookie_wanted(1, EDUTCP_MIB_LISTENDROPS));
	KUNIT_EXPECT_TRUE(test, edutcp_cookie_wanted(2, 0));
	/* a full accept queue drops the SYN whatever the setting */
	KUNIT_EXPECT_FALSE(test,
			   edutcp_cookie_wanted(1, EDUTCP_MIB_LISTENOVERFLOWS));
	KUNIT_EXPECT_FALSE(test,
			   edutcp_cookie_wanted(2, EDUTCP_MIB_LISTENOVERFLOWS));
}

static struct kunit_case edutcp_syncookie_cases[] = {
	KUNIT_CASE(edutcp_cookie_check__round_trip_keeps_mss),
	KUNIT_CASE(edutcp_cookie_make__bernstein_layout),
	KUNIT_CASE(edutcp_cookie_check__expires_after_one_period),
	KUNIT_CASE(edutcp_cookie_check__period_wraps),
	KUNIT_CASE(edutcp_cookie_check__bound_to_tuple_and_isn),
	KUNIT_CASE(edutcp_cookie_check__forged_hash_fails),
	KUNIT_CASE(edutcp_cookie_mss_index__rounds_down),
	KUNIT_CASE(edutcp_cookie_wanted__linux_meaning),
	{}
};

static struct kunit_suite edutcp_syncookie_suite = {
	.name = "edutcp_syncookie",
	.test_cases = edutcp_syncookie_cases,
};

kunit_test_suite(edutcp_syncookie_suite);
