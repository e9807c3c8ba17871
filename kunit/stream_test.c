// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_stream": the byte stream's calculators,
 * alone: the RFC 6298 estimator, RFC 5681/6582 congestion control,
 * reassembly of the out-of-order queue (overlaps, duplicates, the FIN,
 * sequence number wraparound), the window rules of RFC 9293 §3.8.6 and
 * the receive buffer autotuning asks for (tune.c).
 */
#include <kunit/test.h>
#include <linux/skbuff.h>

#include "../module/edutcp.h"

#define MS 1000U		/* microseconds */
#define G (4 * MS)		/* a clock granularity */
#define MIN_RTO (200 * MS)
#define MAX_RTO (120000 * MS)

/* RFC 6298 (2.1): before any measurement the RTO is 1 second */
static void rtt_initial_rto(struct kunit *test)
{
	struct edutcp_rtt r = {};

	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, MIN_RTO, MAX_RTO),
			1000 * MS);
}

/* RFC 6298 (2.2) first measurement, (2.3) every later one */
static void rtt_formulas(struct kunit *test)
{
	static const struct { u32 n, srtt, rttvar; } worked[] = {
		{ 1, 103437, 65000 }, { 2, 95507, 64609 }, { 3, 88569, 62334 },
		{ 4, 82498, 58892 }, { 5, 77185, 54794 }, { 10, 59073, 33500 },
		{ 20, 45017, 9773 }, { 100, 40000, 0 },
	};
	struct edutcp_rtt r = {};
	u32 i, k;

	edutcp_rtt_sample(&r, 100 * MS);	/* (2.2) */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 100 * MS);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 50 * MS);
	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, MIN_RTO, MAX_RTO),
			100 * MS + 4 * 50 * MS);

	edutcp_rtt_sample(&r, 200 * MS);	/* (2.3) */
	/* worked by hand: 3/4 * 50 + 1/4 * |100 - 200| = 62.5 ms ... */
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 62500U);
	/* ... 7/8 * 100 + 1/8 * 200 = 112.5 ms, RTO 112.5 + 4 * 62.5 */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 112500U);
	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, MIN_RTO, MAX_RTO),
			362500U);

	/*
	 * Then samples of 40 ms: SRTT and RTTVAR after n of them, worked in
	 * real arithmetic (not the module's integer steps, rounded down
	 * here). The module's x - x/8 and x - x/4 round each step up, so it
	 * may stay above the real value, by at most 8 us (the filter's gain
	 * bounds what rounding accumulates), and never below.
	 */
	for (i = 1; i <= 100; i++) {
		edutcp_rtt_sample(&r, 40 * MS);
		for (k = 0; k < ARRAY_SIZE(worked); k++) {
			if (worked[k].n != i)
				continue;
			KUNIT_EXPECT_GE_MSG(test, r.srtt_us, worked[k].srtt,
					    "SRTT after %u samples", i);
			KUNIT_EXPECT_LE_MSG(test, r.srtt_us, worked[k].srtt + 8,
					    "SRTT after %u samples", i);
			KUNIT_EXPECT_GE_MSG(test, r.rttvar_us, worked[k].rttvar,
					    "RTTVAR after %u samples", i);
			KUNIT_EXPECT_LE_MSG(test, r.rttvar_us, worked[k].rttvar + 8,
					    "RTTVAR after %u samples", i);
		}
	}
}

/* RTO = SRTT + max(G, 4 RTTVAR); (2.4) a minimum, (2.5) a maximum */
static void rtt_bounds(struct kunit *test)
{
	struct edutcp_rtt r = {};

	edutcp_rtt_sample(&r, 1 * MS);		/* 4 * RTTVAR = 2 ms < G */
	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, 0, MAX_RTO),
			1 * MS + G);
	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, MIN_RTO, MAX_RTO),
			MIN_RTO);
	r.srtt_us = 0;
	edutcp_rtt_sample(&r, 100000 * MS);
	KUNIT_EXPECT_EQ(test, edutcp_rtt_rto_us(&r, G, MIN_RTO, MAX_RTO),
			MAX_RTO);
}

/* RFC 6928 §2: IW = min(10 MSS, max(2 MSS, 14600)) */
static void cc_initial_window(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_cc_initial_window(1460), 14600U);
	KUNIT_EXPECT_EQ(test, edutcp_cc_initial_window(536), 5360U);
	KUNIT_EXPECT_EQ(test, edutcp_cc_initial_window(9000), 18000U);
}

/* An ACK of @acked bytes of a window that was full (cwnd in flight). */
static void cc_ack_full(struct edutcp_cc *cc, u32 *una, u32 acked)
{
	edutcp_cc_new_ack(cc, *una += acked, acked,
			  cc->cwnd > acked ? cc->cwnd - acked : 0, 0, 0);
}

/* RFC 5681 §3.1, RFC 3465: slow start, then avoidance past ssthresh */
static void cc_slow_start_and_avoidance(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 una = 1000, i;

	edutcp_cc_init(&cc, 1000, una, false);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10000U);
	/* RFC 3465 §2.2: each ACK grows cwnd by what it acknowledged */
	cc_ack_full(&cc, &una, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 11000U);
	cc_ack_full(&cc, &una, 3000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U);
	cc_ack_full(&cc, &una, 300);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14300U);
	/* up to ssthresh; the rest counts for congestion avoidance */
	cc.ssthresh = 15000;
	cc_ack_full(&cc, &una, 2000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 15000U);
	KUNIT_EXPECT_EQ(test, cc.acked_ca, 1300U);
	/* a stretch ACK of two windows: two SMSS (RFC 5681 (3) per cwnd) */
	cc.acked_ca = 0;
	cc_ack_full(&cc, &una, 31000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 17000U);

	/* (3): past ssthresh, one SMSS per cwnd of data acknowledged */
	cc.ssthresh = 10000;
	cc.cwnd = 10000;
	cc.acked_ca = 0;
	for (i = 0; i < 9; i++)
		cc_ack_full(&cc, &una, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10000U);
	cc_ack_full(&cc, &una, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 11000U);
	for (i = 0; i < 10; i++)
		cc_ack_full(&cc, &una, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 11000U);	/* 11000 to ack this time */
	cc_ack_full(&cc, &una, 1000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 12000U);
}

/* RFC 7661: a window not filled does not grow (Linux's cwnd-limited test) */
static void cc_grows_only_when_used(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 una = 1000;

	edutcp_cc_init(&cc, 1000, una, false);
	/* slow start: under half the window was in flight */
	edutcp_cc_new_ack(&cc, una += 1000, 1000, 3000, 0, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10000U);
	/* half of it was: it grows */
	edutcp_cc_new_ack(&cc, una += 1000, 1000, 4000, 0, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 11000U);
	/* avoidance: only a full window counts */
	cc.ssthresh = 11000;
	cc.acked_ca = 10500;
	edutcp_cc_new_ack(&cc, una += 1000, 1000, 8999, 0, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 11000U);
	KUNIT_EXPECT_EQ(test, cc.acked_ca, 10500U);
	edutcp_cc_new_ack(&cc, una += 1000, 1000, 9000, 0, 0);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 12000U);
}

/* RFC 5681 §3.2 fast retransmit, RFC 6582 §3.2 NewReno recovery */
static void cc_fast_recovery(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 una = 5000, nxt = una + 20000;

	edutcp_cc_init(&cc, 1000, 1000, false);
	cc.cwnd = 20000;
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, una, 20000, nxt),
			EDUTCP_CC_NONE);
	/* RFC 3042: the first two duplicates each let one more segment go */
	KUNIT_EXPECT_EQ(test, edutcp_cc_send_window(&cc), 21000U);
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, una, 20000, nxt),
			EDUTCP_CC_NONE);
	KUNIT_EXPECT_EQ(test, edutcp_cc_send_window(&cc), 22000U);
	/* the third: ssthresh = FlightSize / 2, cwnd = ssthresh + 3 SMSS */
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, una, 20000, nxt),
			EDUTCP_CC_FAST_RETRANSMIT);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10000U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 13000U);
	KUNIT_EXPECT_EQ(test, cc.recover, nxt);
	KUNIT_EXPECT_EQ(test, edutcp_cc_send_window(&cc), cc.cwnd);
	/* step 4: each further duplicate inflates cwnd by SMSS */
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, una, 20000, nxt),
			EDUTCP_CC_NONE);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U);
	/* step 5: a partial ACK resends, deflates by the amount acked + SMSS */
	KUNIT_EXPECT_EQ(test, edutcp_cc_new_ack(&cc, una + 3000, 3000, 17000, 0, 0),
			EDUTCP_CC_PARTIAL_ACK);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U - 3000 + 1000);
	KUNIT_EXPECT_TRUE(test, cc.in_recovery);
	/* a full ACK (covers recover) ends it: min(ssthresh, Flight + SMSS) */
	KUNIT_EXPECT_EQ(test, edutcp_cc_new_ack(&cc, nxt, 17000, 0, 0, 0),
			EDUTCP_CC_NONE);
	KUNIT_EXPECT_FALSE(test, cc.in_recovery);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 2000U);
	KUNIT_EXPECT_EQ(test, cc.dupacks, 0);
}

/* RFC 5681 (4): a timeout; RFC 6582 step 2 after it; ssthresh held */
static void cc_timeout(struct kunit *test)
{
	struct edutcp_cc cc;
	u32 una = 5000, nxt = una + 20000;

	edutcp_cc_init(&cc, 1000, 1000, false);
	cc.cwnd = 30000;
	edutcp_cc_timeout(&cc, 20000, nxt, false);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1000U);		/* LW = 1 SMSS */
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10000U);
	edutcp_cc_timeout(&cc, 1000, nxt, true);	/* the same data again */
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10000U);
	edutcp_cc_timeout(&cc, 1000, nxt, false);	/* new data: halves */
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 2000U);	/* at least 2 SMSS */
	/* three duplicates of data sent before the timeout: no fast retransmit */
	edutcp_cc_dup_ack(&cc, una, 3000, nxt + 3000);
	edutcp_cc_dup_ack(&cc, una, 3000, nxt + 3000);
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, una, 3000, nxt + 3000),
			EDUTCP_CC_NONE);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 1000U);
}

/* An skb of text [seq, end) whose byte at sequence number s is (u8)s. */
static struct sk_buff *text(struct kunit *test, u32 seq, u32 end, u8 flags)
{
	struct sk_buff *skb = alloc_skb(end - seq + 1, GFP_KERNEL);
	u8 *p;
	u32 s;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put(skb, end - seq);
	for (s = seq; s != end; s++)
		p[s - seq] = (u8)s;
	EDUTCP_SKB_CB(skb)->seq = seq;
	EDUTCP_SKB_CB(skb)->end_seq = end;
	EDUTCP_SKB_CB(skb)->flags = flags;
	return skb;
}

/* Pull the next in-order piece at *nxt; check its bytes; free it. */
static u32 pull(struct kunit *test, struct sk_buff_head *q, u32 *nxt, u8 *fin)
{
	struct sk_buff *skb = edutcp_ofo_pull(q, *nxt);
	u32 s, len;
	u8 b;

	if (!skb)
		return 0;
	KUNIT_EXPECT_EQ(test, EDUTCP_SKB_CB(skb)->seq, *nxt);
	len = EDUTCP_SKB_CB(skb)->end_seq - EDUTCP_SKB_CB(skb)->seq;
	KUNIT_EXPECT_EQ(test, skb->len, len);
	for (s = 0; s < len; s++) {
		KUNIT_ASSERT_FALSE(test, skb_copy_bits(skb, s, &b, 1));
		KUNIT_EXPECT_EQ(test, b, (u8)(*nxt + s));
	}
	*fin = EDUTCP_SKB_CB(skb)->flags & EDUTCP_FIN;
	*nxt += len;
	kfree_skb(skb);
	return len;
}

/* RFC 9293 §3.10.7.4 seventh: early text is kept, then delivered in order */
static void ofo_reassembly(struct kunit *test, u32 base)
{
	struct sk_buff_head q;
	struct sk_buff *dup;
	u32 nxt = base;
	u8 fin = 0;

	skb_queue_head_init(&q);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 30,
							 base + 40, 0)), 0);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 10,
							 base + 20, 0)), 0);
	/* overlapping both neighbours: only 20..30 is new */
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 15,
							 base + 35, 0)), 0);
	/* wholly inside one queued segment: refused, the caller keeps it */
	dup = text(test, base + 12, base + 18, 0);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, dup), -EEXIST);
	kfree_skb(dup);
	/* across three: it replaces their bytes by the same bytes */
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 12,
							 base + 38, 0)), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 3U);
	/* covers the first and more: the first is freed */
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 5,
							 base + 22, 0)), 0);
	/* beyond a gap, with the FIN */
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 50,
							 base + 60,
							 EDUTCP_FIN)), 0);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 4U);

	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 0U);	/* gap at 0 */
	nxt = base + 7;	/* as if 0..7 came in order: 5..7 is trimmed off */
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 13U);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 10U);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 10U);
	KUNIT_EXPECT_EQ(test, nxt, base + 40);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 0U);	/* 40..50 */
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, base + 40,
							 base + 50, 0)), 0);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 10U);
	KUNIT_EXPECT_EQ(test, fin, 0);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 10U);
	KUNIT_EXPECT_EQ(test, fin, EDUTCP_FIN);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&q));
}

static void ofo_in_the_middle(struct kunit *test)
{
	ofo_reassembly(test, 100000);
}

/* the same across the wrap of the 32-bit sequence space (RFC 9293 §3.4) */
static void ofo_across_wraparound(struct kunit *test)
{
	ofo_reassembly(test, 0xffffffe0);
}

/* a FIN alone, early, and a copy of it; text wholly older than RCV.NXT */
static void ofo_fin_and_old(struct kunit *test)
{
	struct sk_buff_head q;
	struct sk_buff *skb;
	u32 nxt = 100;
	u8 fin = 0;

	skb_queue_head_init(&q);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, 120, 120,
							 EDUTCP_FIN)), 0);
	skb = text(test, 120, 120, EDUTCP_FIN);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, skb), -EEXIST);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, 110, 120, 0)),
			0);
	KUNIT_EXPECT_EQ(test, edutcp_ofo_insert(&q, text(test, 90, 100, 0)),
			0);
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 0U);	/* old: freed */
	KUNIT_EXPECT_EQ(test, skb_queue_len(&q), 2U);
	nxt = 110;
	KUNIT_EXPECT_EQ(test, pull(test, &q, &nxt, &fin), 10U);
	KUNIT_EXPECT_EQ(test, fin, 0);
	skb = edutcp_ofo_pull(&q, nxt);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb->len, 0U);
	KUNIT_EXPECT_EQ(test, EDUTCP_SKB_CB(skb)->flags, EDUTCP_FIN);
	kfree_skb(skb);
}

/* RFC 9293 §3.8.6.2.2: the receiver's window: no slivers, no shrinking */
static void window_receiver(struct kunit *test)
{
	u32 nxt = 0xfffff000;

	/* offered 1000 and the buffer can take 1000: unchanged */
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt, nxt + 1000, 1000, 536,
						65536), 1000U);
	/* it could take 1400: less than an MSS more, not offered yet */
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt, nxt + 1000, 1400, 536,
						65536), 1000U);
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt, nxt + 1000, 1536, 536,
						65536), 1536U);
	/* a small buffer: half of it is enough to move the edge */
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt, nxt + 100, 300, 536,
						400), 300U);
	/* the buffer filled: the edge stays where it was offered */
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt + 200, nxt + 1000, 0, 536,
						65536), 800U);
	/* RCV.NXT reached the edge: a zero window, until an MSS frees */
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt + 1000, nxt + 1000, 500,
						536, 65536), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_rcv_window(nxt + 1000, nxt + 1000, 536,
						536, 65536), 536U);
}

/* RFC 9293 §3.8.6.2.1 and §3.7.4: the sender's rule and Nagle's */
static void window_sender(struct kunit *test)
{
	const enum edutcp_nagle on = EDUTCP_NAGLE_ON, off = EDUTCP_NAGLE_OFF;
	const enum edutcp_nagle cork = EDUTCP_NAGLE_CORK;

	/* a full segment goes whatever is in flight, corked or not */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(5000, true, 8000, 65535, 1460,
					      false, on), 1460U);
	KUNIT_EXPECT_EQ(test, edutcp_send_len(5000, true, 8000, 65535, 1460,
					      true, cork), 1460U);
	/* the tail, small: only when nothing is unacknowledged (Nagle) ... */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, true, 8000, 65535, 1460,
					      false, on), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, true, 8000, 65535, 1460,
					      true, on), 100U);
	/* ... or always with EDUTCP_NODELAY */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, true, 8000, 65535, 1460,
					      false, off), 100U);
	/* corked (TCP_CORK, MSG_MORE): the small tail waits, even when idle */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, true, 8000, 65535, 1460,
					      true, cork), 0U);
	/* ... and even when it is half the largest window */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(600, true, 8000, 1000, 1460,
					      true, cork), 0U);
	/* a small window: at least half the largest ever offered, or wait */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(5000, true, 600, 1000, 1460,
					      true, on), 600U);
	KUNIT_EXPECT_EQ(test, edutcp_send_len(5000, true, 400, 1000, 1460,
					      true, on), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_send_len(5000, true, 0, 1000, 1460,
					      true, on), 0U);
	/* old data sent again is not held, by Nagle or a cork */
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, false, 8000, 65535, 1460,
					      false, on), 100U);
	KUNIT_EXPECT_EQ(test, edutcp_send_len(100, false, 8000, 65535, 1460,
					      false, cork), 100U);
}

/*
 * Autotuning: a reader that took C bytes in a round trip gets text room
 * for 2C + 16 segments, in a buffer twice that (half is for text).
 */
static void rcvbuf_want(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_rcvbuf_want(0, 1448), 2U * 16 * 1448);
	KUNIT_EXPECT_EQ(test, edutcp_rcvbuf_want(1000000, 1448),
			2U * (2 * 1000000 + 16 * 1448));
	/* never past what an int buffer size holds */
	KUNIT_EXPECT_EQ(test, edutcp_rcvbuf_want(U32_MAX, 65535), (u32)INT_MAX);
}

static struct kunit_case edutcp_stream_cases[] = {
	KUNIT_CASE(rtt_initial_rto),
	KUNIT_CASE(rtt_formulas),
	KUNIT_CASE(rtt_bounds),
	KUNIT_CASE(cc_initial_window),
	KUNIT_CASE(cc_slow_start_and_avoidance),
	KUNIT_CASE(cc_grows_only_when_used),
	KUNIT_CASE(cc_fast_recovery),
	KUNIT_CASE(cc_timeout),
	KUNIT_CASE(ofo_in_the_middle),
	KUNIT_CASE(ofo_across_wraparound),
	KUNIT_CASE(ofo_fin_and_old),
	KUNIT_CASE(window_receiver),
	KUNIT_CASE(window_sender),
	KUNIT_CASE(rcvbuf_want),
	{}
};

static struct kunit_suite edutcp_stream_suite = {
	.name = "edutcp_stream",
	.test_cases = edutcp_stream_cases,
};

kunit_test_suite(edutcp_stream_suite);
