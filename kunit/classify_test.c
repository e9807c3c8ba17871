// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_classify": module/classify.c, the one home
 * of RFC 9293 §3.10.7.4's window test and of RFC 5961's RST, SYN and ACK
 * rules, which sockets, SYN queue entries and TIME_WAIT records share.
 * Each case is named function__rule.
 */
#include <kunit/test.h>

#include "../module/edutcp.h"

static struct edutcp_seg seg(u8 flags, u32 seq, u32 len, u32 ack)
{
	return (struct edutcp_seg){ .flags = flags, .seq = seq, .len = len,
				    .ack = ack };
}

/* RFC 9293 §3.10.7.4: the four cases of the window test */
static void edutcp_seq_acceptable__four_cases(struct kunit *test)
{
	struct edutcp_seg s;

	/* SEG.LEN 0, RCV.WND 0: SEG.SEQ = RCV.NXT only */
	s = seg(EDUTCP_ACK, 100, 0, 0);
	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(100, 0, &s));
	s.seq = 101;
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 0, &s));
	/* SEG.LEN 0, RCV.WND > 0: RCV.NXT =< SEG.SEQ < RCV.NXT + RCV.WND */
	s.seq = 109;
	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(100, 10, &s));
	s.seq = 110;
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 10, &s));
	s.seq = 99;
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 10, &s));
	/* SEG.LEN > 0, RCV.WND 0: never */
	s = seg(EDUTCP_ACK, 100, 5, 0);
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 0, &s));
	/* SEG.LEN > 0, RCV.WND > 0: the first or the last octet inside */
	s = seg(EDUTCP_ACK, 95, 10, 0);		/* 95..104: the last */
	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(100, 10, &s));
	s = seg(EDUTCP_ACK, 105, 10, 0);	/* 105..114: the first */
	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(100, 10, &s));
	s = seg(EDUTCP_ACK, 90, 10, 0);		/* 90..99: neither */
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 10, &s));
}

/* RFC 9293 §3.4: SYN and FIN each count in SEG.LEN */
static void edutcp_seq_acceptable__syn_and_fin_count(struct kunit *test)
{
	struct edutcp_seg s = seg(EDUTCP_FIN | EDUTCP_ACK, 100, 0, 0);

	/* a FIN at RCV.NXT has length 1: no room in a zero window */
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(100, 0, &s));
	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(100, 1, &s));
}

/* RFC 9293 §3.4: the window test holds across the wrap of 2^32 */
static void edutcp_seq_acceptable__wraps(struct kunit *test)
{
	struct edutcp_seg s = seg(EDUTCP_ACK, 5, 0, 0);

	KUNIT_EXPECT_TRUE(test, edutcp_seq_acceptable(0xfffffff0U, 100, &s));
	s.seq = 0xffffffefU;
	KUNIT_EXPECT_FALSE(test, edutcp_seq_acceptable(0xfffffff0U, 100, &s));
}

static const struct edutcp_view est = {
	.rcv_nxt = 1000, .rcv_wnd = 500,
	.snd_una = 5000, .snd_nxt = 6000, .max_snd_wnd = 2000,
};

/* RFC 5961 §3.2: only an RST exactly at RCV.NXT resets */
static void edutcp_classify__rfc5961_s3_rst(struct kunit *test)
{
	struct edutcp_seg s = seg(EDUTCP_RST, 1000, 0, 0);

	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_RST);
	s.seq = 1001;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s),
			EDUTCP_EV_RCV_RST_IN_WINDOW);
	s.seq = 1500;		/* past the window: dropped, no answer */
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s),
			EDUTCP_EV_RCV_RST_IGNORED);
}

/* RFC 5961 §4: any SYN in a synchronized state, in the window or not */
static void edutcp_classify__rfc5961_s4_syn(struct kunit *test)
{
	struct edutcp_seg s = seg(EDUTCP_SYN, 1200, 0, 0);

	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_SYN);
	s.flags |= EDUTCP_ACK;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_SYN_ACK);
	s.seq = 3000;		/* outside: the window test answers first */
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_BAD_SEQ);
}

/*
 * The lesson switch lesson_no_rfc5961: RFC 793 §3.9's rules come back,
 * any RST in the window resets, any SYN in the window resets; out of
 * the window the first check still answers
 */
static void edutcp_classify__no_rfc5961_rfc793_rules(struct kunit *test)
{
	struct edutcp_view v = est;
	struct edutcp_seg s = seg(EDUTCP_RST, 1001, 0, 0);

	v.no_rfc5961 = true;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s), EDUTCP_EV_RCV_RST);
	s.seq = 1500;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s),
			EDUTCP_EV_RCV_RST_IGNORED);
	s = seg(EDUTCP_SYN, 1200, 0, 0);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s),
			EDUTCP_EV_RCV_SYN_IN_WINDOW);
	s.flags |= EDUTCP_ACK;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s),
			EDUTCP_EV_RCV_SYN_IN_WINDOW);
	s.seq = 3000;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s), EDUTCP_EV_RCV_BAD_SEQ);
	s = seg(EDUTCP_ACK, 1000, 0, 0);
	s.ack = 5500;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &s), EDUTCP_EV_RCV_ACK);
}

/*
 * RFC 5961 §5: SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT; an ACK older
 * than the peer's largest window is refused, not ignored as a duplicate
 */
static void edutcp_ack_acceptable__rfc5961_s5_max_snd_wnd(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, edutcp_ack_acceptable(&est, 6000));
	KUNIT_EXPECT_FALSE(test, edutcp_ack_acceptable(&est, 6001));
	KUNIT_EXPECT_TRUE(test, edutcp_ack_acceptable(&est, 3000));
	KUNIT_EXPECT_FALSE(test, edutcp_ack_acceptable(&est, 2999));
}

/* RFC 9293 §3.10.7.4 fifth, SYN_RCVD: SND.UNA < SEG.ACK =< SND.NXT */
static void edutcp_ack_acceptable__syn_rcvd_acks_our_syn(struct kunit *test)
{
	const struct edutcp_view v = {
		.rcv_nxt = 1000, .rcv_wnd = 500, .snd_una = 5000,
		.snd_nxt = 5001, .max_snd_wnd = 65535, .syn_rcvd = true,
	};

	KUNIT_EXPECT_TRUE(test, edutcp_ack_acceptable(&v, 5001));
	KUNIT_EXPECT_FALSE(test, edutcp_ack_acceptable(&v, 5000));
	KUNIT_EXPECT_FALSE(test, edutcp_ack_acceptable(&v, 5002));
}

/* RFC 9293 §3.10.7.4: the order is sequence, RST, SYN, ACK bit, SEG.ACK */
static void edutcp_classify__order_of_checks(struct kunit *test)
{
	struct edutcp_seg s;

	s = seg(0, 1000, 10, 0);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_NO_ACK);
	s = seg(EDUTCP_ACK, 1000, 10, 7000);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_BAD_ACK);
	s = seg(EDUTCP_ACK, 1000, 10, 5500);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_ACK);
	/* an unacceptable ACK out of the window is out of the window first */
	s = seg(EDUTCP_ACK, 2000, 10, 7000);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&est, &s), EDUTCP_EV_RCV_BAD_SEQ);
}

/* RFC 5927 §4.1: an ICMP error counts only if it quotes a seq in flight */
static void edutcp_icmp_acceptable__rfc5927_in_flight(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, edutcp_icmp_acceptable(&est, 5000));
	KUNIT_EXPECT_TRUE(test, edutcp_icmp_acceptable(&est, 5999));
	KUNIT_EXPECT_FALSE(test, edutcp_icmp_acceptable(&est, 6000));
	KUNIT_EXPECT_FALSE(test, edutcp_icmp_acceptable(&est, 4999));
}

static struct kunit_case edutcp_classify_cases[] = {
	KUNIT_CASE(edutcp_seq_acceptable__four_cases),
	KUNIT_CASE(edutcp_seq_acceptable__syn_and_fin_count),
	KUNIT_CASE(edutcp_seq_acceptable__wraps),
	KUNIT_CASE(edutcp_classify__rfc5961_s3_rst),
	KUNIT_CASE(edutcp_classify__rfc5961_s4_syn),
	KUNIT_CASE(edutcp_classify__no_rfc5961_rfc793_rules),
	KUNIT_CASE(edutcp_ack_acceptable__rfc5961_s5_max_snd_wnd),
	KUNIT_CASE(edutcp_ack_acceptable__syn_rcvd_acks_our_syn),
	KUNIT_CASE(edutcp_classify__order_of_checks),
	KUNIT_CASE(edutcp_icmp_acceptable__rfc5927_in_flight),
	{}
};

static struct kunit_suite edutcp_classify_suite = {
	.name = "edutcp_classify",
	.test_cases = edutcp_classify_cases,
};

kunit_test_suite(edutcp_classify_suite);
