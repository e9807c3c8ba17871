// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_tstamp": the timestamps option (RFC 7323
 * §3-5): read and written byte by byte, on any segment; PAWS (§5.3 R1)
 * and its 24-day rule (§5.5) as classify.c decides them; which TSval
 * TS.Recent takes (§4.3); RTTM samples, a TSecr from the future refused
 * (§4.1); and the option negotiated in real handshakes over loopback:
 * both SYNs carry it or no segment does (§3.2).
 */
#include <kunit/test.h>
#include <linux/netdevice.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "loopback.h"

/* RFC 7323 §3.2: kind 8, length 10, on a SYN and on any other segment */
static void tstamp_parse(struct kunit *test)
{
	static const u8 ts[] = { 1, 1, 8, 10, 0x12, 0x34, 0x56, 0x78,
				 0x9a, 0xbc, 0xde, 0xf0 };
	static const u8 len9[] = { 8, 9, 0, 0, 0, 1, 0, 0, 0, 1, 0 };
	static const u8 len11[] = { 8, 11, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0 };
	static const u8 cut[] = { 1, 1, 8, 10, 0, 0, 0, 1, 0, 0 };
	static const u8 twice[] = { 8, 10, 0, 0, 0, 7, 0, 0, 0, 0,
				    8, 10, 0, 0, 0, 9, 0, 0, 0, 0 };
	struct edutcp_opts o;
	int syn;

	for (syn = 0; syn < 2; syn++) {
		o = edutcp_kt_parse(ts, sizeof(ts), syn);
		KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_TS);
		KUNIT_EXPECT_EQ(test, o.tsval, 0x12345678U);
		KUNIT_EXPECT_EQ(test, o.tsecr, 0x9abcdef0U);
	}
	/* RFC 9293 MUST-6/7: a wrong length is not the option */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(len9, sizeof(len9), false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(len11, sizeof(len11), false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(cut, sizeof(cut), false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(twice, sizeof(twice), false).tsval, 7U);
}

/* a SYN's options as Linux's (no SACK): MSS, NOP NOP TS, NOP WS; data: TS */
static void tstamp_write_layout(struct kunit *test)
{
	struct edutcp_opts o = {
		.has = EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE | EDUTCP_OPT_TS,
		.mss = 1460, .wscale = 7, .tsval = 0x01020304, .tsecr = 0,
	};
	static const u8 syn[] = { 2, 4, 0x05, 0xb4, 1, 1, 8, 10, 1, 2, 3, 4,
				  0, 0, 0, 0, 1, 3, 3, 7 };
	static const u8 data[] = { 1, 1, 8, 10, 0, 0, 0, 9, 0xff, 0, 0, 1 };
	u8 b[40];

	memset(b, 0xee, sizeof(b));
	KUNIT_EXPECT_EQ(test, edutcp_options_len(&o), 20U);
	edutcp_write_options(b, &o);
	KUNIT_EXPECT_EQ(test, memcmp(b, syn, sizeof(syn)), 0);
	KUNIT_EXPECT_EQ(test, b[20], 0xee);
	o = (struct edutcp_opts){ .has = EDUTCP_OPT_TS, .tsval = 9,
				  .tsecr = 0xff000001 };
	KUNIT_EXPECT_EQ(test, edutcp_options_len(&o), 12U);
	memset(b, 0xee, sizeof(b));
	edutcp_write_options(b, &o);
	KUNIT_EXPECT_EQ(test, memcmp(b, data, sizeof(data)), 0);
	KUNIT_EXPECT_EQ(test, b[12], 0xee);
	/* and what it writes, it reads back */
	o = edutcp_kt_parse(b, 12, false);
	KUNIT_EXPECT_EQ(test, o.tsval, 9U);
	KUNIT_EXPECT_EQ(test, o.tsecr, 0xff000001U);
}

static struct edutcp_seg ts_seg(u32 seq, u8 flags, u32 tsval)
{
	struct edutcp_seg seg = {
		.seq = seq, .ack = 5000, .flags = flags, .len = 100,
		.opt = { .has = EDUTCP_OPT_TS, .tsval = tsval },
	};

	return seg;
}

/* RFC 7323 §5.3 R1: SEG.TSval < TS.Recent: not acceptable, an ACK in reply */
static void tstamp_paws(struct kunit *test)
{
	struct edutcp_view v = {
		.rcv_nxt = 1000, .rcv_wnd = 10000, .snd_una = 5000,
		.snd_nxt = 5000, .max_snd_wnd = 10000, .paws = true,
		.ts_recent = 700,
	};
	struct edutcp_seg seg = ts_seg(1000, EDUTCP_ACK, 699);

	KUNIT_EXPECT_TRUE(test, edutcp_paws_reject(&v, &seg));
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &seg), EDUTCP_EV_RCV_BAD_SEQ);
	/* equal or newer: on to the window test */
	seg.opt.tsval = 700;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &seg), EDUTCP_EV_RCV_ACK);
	seg.opt.tsval = 701;
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &seg), EDUTCP_EV_RCV_ACK);
	/* modulo 2^32: a TSval just past the wrap is newer */
	v.ts_recent = 0xfffffff0;
	seg.opt.tsval = 5;
	KUNIT_EXPECT_FALSE(test, edutcp_paws_reject(&v, &seg));
	seg.opt.tsval = 0x7ffffff0;	/* half the space back: older */
	KUNIT_EXPECT_TRUE(test, edutcp_paws_reject(&v, &seg));
	/* an RST is never held back by its timestamp */
	seg = ts_seg(1000, EDUTCP_RST, 1);
	KUNIT_EXPECT_FALSE(test, edutcp_paws_reject(&v, &seg));
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &seg), EDUTCP_EV_RCV_RST);
	/* no option in the segment, or no valid TS.Recent: no test */
	seg = ts_seg(1000, EDUTCP_ACK, 1);
	seg.opt.has = 0;
	KUNIT_EXPECT_FALSE(test, edutcp_paws_reject(&v, &seg));
	seg.opt.has = EDUTCP_OPT_TS;
	v.paws = false;
	KUNIT_EXPECT_FALSE(test, edutcp_paws_reject(&v, &seg));
	/* PAWS first: an old TSval is refused even at RCV.NXT exactly */
	v.paws = true;
	v.ts_recent = 50;
	seg = ts_seg(1000, EDUTCP_ACK | EDUTCP_SYN, 49);
	KUNIT_EXPECT_EQ(test, edutcp_classify(&v, &seg), EDUTCP_EV_RCV_BAD_SEQ);
}

/* RFC 7323 §5.5: TS.Recent idle 24 days is no longer valid */
static void tstamp_paws_24_days(struct kunit *test)
{
	time64_t now = 100000000;

	KUNIT_EXPECT_TRUE(test, edutcp_ts_paws_valid(true, now - 1, now));
	KUNIT_EXPECT_TRUE(test, edutcp_ts_paws_valid(true,
						     now - 24 * 86400, now));
	KUNIT_EXPECT_FALSE(test, edutcp_ts_paws_valid(true,
						      now - 24 * 86400 - 1,
						      now));
	KUNIT_EXPECT_FALSE(test, edutcp_ts_paws_valid(false, now, now));
}

/* RFC 7323 §4.3 (2): which TSval TS.Recent takes */
static void tstamp_recent(struct kunit *test)
{
	struct edutcp_sock *es = kunit_kzalloc(test, sizeof(*es), GFP_KERNEL);
	struct edutcp_seg seg;

	KUNIT_ASSERT_NOT_NULL(test, es);
	es->ts_ok = 1;
	es->ack_sent = 1000;		/* Last.ACK.sent */
	es->ts_recent = 500;
	es->ts_recent_stamp = ktime_get_seconds();
	seg = ts_seg(1000, EDUTCP_ACK, 600);
	edutcp_ts_update(es, &seg);
	KUNIT_EXPECT_EQ(test, es->ts_recent, 600U);
	/* starts past Last.ACK.sent: a later segment, not the one to echo */
	seg = ts_seg(1100, EDUTCP_ACK, 700);
	edutcp_ts_update(es, &seg);
	KUNIT_EXPECT_EQ(test, es->ts_recent, 600U);
	/* older than TS.Recent: kept as it was */
	seg = ts_seg(900, EDUTCP_ACK, 599);
	edutcp_ts_update(es, &seg);
	KUNIT_EXPECT_EQ(test, es->ts_recent, 600U);
	/* ... unless TS.Recent went invalid: 24 days idle */
	es->ts_recent_stamp = ktime_get_seconds() - EDUTCP_PAWS_IDLE_SECS - 1;
	edutcp_ts_update(es, &seg);
	KUNIT_EXPECT_EQ(test, es->ts_recent, 599U);
	KUNIT_EXPECT_GE(test, es->ts_recent_stamp, ktime_get_seconds() - 1);
	/* without timestamps, nothing */
	es->ts_ok = 0;
	seg = ts_seg(1000, EDUTCP_ACK, 900);
	edutcp_ts_update(es, &seg);
	KUNIT_EXPECT_EQ(test, es->ts_recent, 599U);
}

/* RFC 7323 §4.1: RTTM; a TSecr we cannot have sent is no sample */
static void tstamp_rttm(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(10040, 10000), 40000U);
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(10000, 10000), 1000U);
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(5, 0xfffffffb), 10000U);
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(10000, 10001), 0U); /* future */
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(10000, 0), 0U);
	KUNIT_EXPECT_EQ(test, edutcp_ts_rtt_us(100000000, 1), 0U); /* a day+ */
}

/* the MSS loopback's MTU gives, no options counted */
static u16 ts_lo_mss(void)
{
	return edutcp_mtu_mss(READ_ONCE(init_net.loopback_dev->mtu));
}

static void ts_connect(struct kunit *test, u16 port, int server, int client,
		       struct socket **c, struct socket **s)
{
	edutcp_kt_connect(test, port,
			  &edutcp_pernet(&init_net)->sysctl.timestamps,
			  server, client, c, s);
}

/* RFC 7323 §3.2: both offer it: each echoes the other's clock */
static void tstamp_negotiated(struct kunit *test)
{
	struct edutcp_sock *ce, *se;
	struct socket *c, *s;
	u32 now;

	ts_connect(test, 5111, 1, 1, &c, &s);
	ce = edutcp_sk(c->sk);
	se = edutcp_sk(s->sk);
	KUNIT_EXPECT_TRUE(test, ce->ts_ok && se->ts_ok);
	/* TS.Recent is a TSval the other sent, in the last few seconds */
	now = edutcp_ts_val(0);
	KUNIT_EXPECT_LT(test, (u32)(now + se->ts_off - ce->ts_recent), 5000U);
	KUNIT_EXPECT_LT(test, (u32)(now + ce->ts_off - se->ts_recent), 5000U);
	/* every segment carries 12 bytes of option: less room for text */
	KUNIT_EXPECT_EQ(test, ce->mss, ts_lo_mss() - EDUTCP_TS_ALIGNED);
	KUNIT_EXPECT_EQ(test, se->mss, ts_lo_mss() - EDUTCP_TS_ALIGNED);
	sock_release(s);
	sock_release(c);
}

/* RFC 7323 §3.2: one side without it: neither sends it */
static void tstamp_one_side(struct kunit *test)
{
	static const int modes[2][2] = { { 0, 1 }, { 1, 0 } };
	struct socket *c, *s;
	int i;

	for (i = 0; i < 2; i++) {
		ts_connect(test, 5112 + i, modes[i][0], modes[i][1], &c, &s);
		KUNIT_EXPECT_FALSE(test, edutcp_sk(c->sk)->ts_ok ||
				   edutcp_sk(s->sk)->ts_ok);
		KUNIT_EXPECT_EQ(test, edutcp_sk(c->sk)->mss, ts_lo_mss());
		KUNIT_EXPECT_EQ(test, edutcp_sk(s->sk)->mss, ts_lo_mss());
		sock_release(s);
		sock_release(c);
	}
}

static struct kunit_case edutcp_tstamp_cases[] = {
	KUNIT_CASE(tstamp_parse),
	KUNIT_CASE(tstamp_write_layout),
	KUNIT_CASE(tstamp_paws),
	KUNIT_CASE(tstamp_paws_24_days),
	KUNIT_CASE(tstamp_recent),
	KUNIT_CASE(tstamp_rttm),
	KUNIT_CASE(tstamp_negotiated),
	KUNIT_CASE(tstamp_one_side),
	{}
};

static struct kunit_suite edutcp_tstamp_suite = {
	.name = "edutcp_tstamp",
	.init = edutcp_kt_lo_up,
	.test_cases = edutcp_tstamp_cases,
};

kunit_test_suite(edutcp_tstamp_suite);
