// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_decide": the pure decisions, with the clock
 * and the secret injected: ISNs (RFC 9293 §3.4.1), what a TIME_WAIT
 * record does with each segment (RFC 9293 §3.10.7.4, RFC 1337, MAY-2),
 * and whether a SYN may enter the SYN queue.
 */
#include <kunit/test.h>

#include "../module/edutcp.h"

static const siphash_key_t key1 = {{ 1, 2 }}, key2 = {{ 3, 4 }};

#define A1 htonl(0x7f000001)
#define A2 htonl(0x7f000002)

/* SHLD-1: F differs per 4-tuple, so ISNs of two 4-tuples are unrelated */
static void isn_differs_per_tuple(struct kunit *test)
{
	u64 t = 123456789;
	u32 a = edutcp_isn_at(t, &key1, A1, htons(1000), A2, htons(80));

	KUNIT_EXPECT_NE(test, a, edutcp_isn_at(t, &key1, A1, htons(1001), A2,
					       htons(80)));
	KUNIT_EXPECT_NE(test, a, edutcp_isn_at(t, &key1, A2, htons(1000), A1,
					       htons(80)));
	KUNIT_EXPECT_NE(test, a, edutcp_isn_at(t, &key1, A1, htons(1000), A2,
					       htons(81)));
}

/* MUST-8: for one 4-tuple M advances with the clock, at least every 4 us */
static void isn_advances_with_clock(struct kunit *test)
{
	u32 a = edutcp_isn_at(0, &key1, A1, htons(1000), A2, htons(80));
	u32 b = edutcp_isn_at(4000, &key1, A1, htons(1000), A2, htons(80));
	u32 c = edutcp_isn_at(4000000000ULL, &key1, A1, htons(1000), A2,
			      htons(80));

	KUNIT_EXPECT_GT(test, b - a, 0U);
	KUNIT_EXPECT_EQ(test, b - a, 4000U >> 6);
	KUNIT_EXPECT_EQ(test, c - a, (u32)(4000000000ULL >> 6));
}

/* SHLD-1: F is keyed: another secret, another ISN */
static void isn_depends_on_secret(struct kunit *test)
{
	KUNIT_EXPECT_NE(test,
			edutcp_isn_at(7, &key1, A1, htons(1000), A2, htons(80)),
			edutcp_isn_at(7, &key2, A1, htons(1000), A2, htons(80)));
}

/* TIME_WAIT with SND.NXT 500, RCV.NXT 1000, a peer's window of 1000 */
static const struct edutcp_view tw_view = {
	.rcv_nxt = 1000, .snd_una = 500, .snd_nxt = 500, .max_snd_wnd = 1000,
};

static struct edutcp_seg tw_seg(u8 flags, u32 seq, u32 len)
{
	struct edutcp_seg s = { .flags = flags, .seq = seq, .len = len,
				.ack = 500 };

	return s;
}

/* TIME_WAIT with SND.NXT 500, RCV.NXT 1000 */
static void tw_decisions(struct kunit *test)
{
	struct edutcp_seg s;

	/* the peer's FIN again (seq 999, FIN takes 1000): RCV_FIN, re-ACK */
	s = tw_seg(EDUTCP_FIN | EDUTCP_ACK, 999, 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_FIN);
	KUNIT_EXPECT_EQ(test, edutcp_fsm(EDUTCP_TIME_WAIT,
					 EDUTCP_EV_RCV_FIN)->actions,
			(u32)(EDUTCP_A_SEND_ACK | EDUTCP_A_START_2MSL));
	/* RFC 1337: an RST is ignored, even an exact one */
	s = tw_seg(EDUTCP_RST, 1000, 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_RST_IGNORED);
	/* without RFC 1337 an exact RST ends the record */
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, false),
			EDUTCP_EV_RCV_RST);
	/* MAY-2: a SYN above RCV.NXT may start a new connection */
	s = tw_seg(EDUTCP_SYN, 5000, 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true), -1);
	/* a SYN at or below RCV.NXT is an old duplicate: ACK (rate-limited) */
	s = tw_seg(EDUTCP_SYN, 900, 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_SYN);
	KUNIT_EXPECT_EQ(test, edutcp_fsm(EDUTCP_TIME_WAIT,
					 EDUTCP_EV_RCV_SYN)->actions,
			(u32)EDUTCP_A_OOW_ACK);
	/* text in TIME_WAIT is out of window: ACK */
	s = tw_seg(EDUTCP_ACK, 1000, 10);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_BAD_SEQ);
	/* a pure ACK at RCV.NXT needs nothing */
	s = tw_seg(EDUTCP_ACK, 1000, 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_ACK);
	/* RFC 5961 §5: one of what was never sent, or older than the
	 * peer's largest window, is not acceptable: ACK (rate-limited)
	 */
	s.ack = 501;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_BAD_ACK);
	s.ack = 500 - 1001;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&tw_view, &s, true),
			EDUTCP_EV_RCV_BAD_ACK);
	KUNIT_EXPECT_EQ(test, edutcp_fsm(EDUTCP_TIME_WAIT,
					 EDUTCP_EV_RCV_BAD_ACK)->actions,
			(u32)EDUTCP_A_OOW_ACK);
}

/*
 * RFC 6191 §2 and RFC 7323 §5 in TIME_WAIT: a record whose connection had
 * timestamps (TS.Recent 7000) judges a SYN that has them by its TSval,
 * and drops an old TSval as PAWS does
 */
static void tw_timestamps(struct kunit *test)
{
	struct edutcp_view v = tw_view;
	struct edutcp_seg s;

	v.paws = true;
	v.ts_recent = 7000;
	/* a later TSval: a new connection, whatever its sequence number */
	s = tw_seg(EDUTCP_SYN, 900, 0);
	s.opt.has = EDUTCP_OPT_TS;
	s.opt.tsval = 7001;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true), -1);
	/* an earlier one: an old duplicate, above RCV.NXT or not */
	s.seq = 5000;
	s.opt.tsval = 6999;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true),
			EDUTCP_EV_RCV_SYN);
	/* the same TSval: the sequence number decides (MAY-2) */
	s.opt.tsval = 7000;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true), -1);
	s.seq = 900;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true),
			EDUTCP_EV_RCV_SYN);
	/* a SYN without timestamps: the sequence number */
	s.opt.has = 0;
	s.seq = 5000;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true), -1);
	/* the peer's FIN again with an old TSval: PAWS, an ACK */
	s = tw_seg(EDUTCP_FIN | EDUTCP_ACK, 999, 0);
	s.opt.has = EDUTCP_OPT_TS;
	s.opt.tsval = 100;
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true),
			EDUTCP_EV_RCV_BAD_SEQ);
	KUNIT_EXPECT_TRUE(test, edutcp_paws_reject(&v, &s));
	s.opt.tsval = 7000;	/* with TS.Recent's own: the FIN again */
	KUNIT_EXPECT_EQ(test, edutcp_tw_event(&v, &s, true),
			EDUTCP_EV_RCV_FIN);
}

/* SYN queue bound min(backlog, max_syn_backlog); accept queue bound backlog */
static void synq_admission(struct kunit *test)
{
	/* backlog 4: 5 may wait in each queue, as in Linux */
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(0, 0, 4, 256), 0);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(4, 0, 4, 256), 0);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(5, 0, 4, 256),
			EDUTCP_MIB_LISTENDROPS);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(2, 0, 4, 2),
			EDUTCP_MIB_LISTENDROPS);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(0, 4, 4, 256), 0);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(0, 5, 4, 256),
			EDUTCP_MIB_LISTENOVERFLOWS);
}

/* listen(fd, 0) admits one connection (sk_acceptq_is_full uses >) */
static void edutcp_synq_verdict__listen_zero_admits_one(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(0, 0, 0, 256), 0);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(1, 0, 0, 256),
			EDUTCP_MIB_LISTENDROPS);
	KUNIT_EXPECT_EQ(test, edutcp_synq_verdict(0, 1, 0, 256),
			EDUTCP_MIB_LISTENOVERFLOWS);
}

static struct kunit_case edutcp_decide_cases[] = {
	KUNIT_CASE(isn_differs_per_tuple),
	KUNIT_CASE(isn_advances_with_clock),
	KUNIT_CASE(isn_depends_on_secret),
	KUNIT_CASE(tw_decisions),
	KUNIT_CASE(tw_timestamps),
	KUNIT_CASE(synq_admission),
	KUNIT_CASE(edutcp_synq_verdict__listen_zero_admits_one),
	{}
};

static struct kunit_suite edutcp_decide_suite = {
	.name = "edutcp_decide",
	.test_cases = edutcp_decide_cases,
};

kunit_test_suite(edutcp_decide_suite);
