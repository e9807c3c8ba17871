// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_sack": SACK's option read and written byte
 * by byte (RFC 2018 §2-3), the receiver's blocks (RFC 2018 §4, D-SACK
 * RFC 2883 §4), the sender's scoreboard and RFC 6675's IsLost(),
 * SetPipe() and NextSeg() against values worked out by hand from the
 * RFC's definitions, the undo of a spurious recovery (RFC 2883 §5), the
 * window of RFC 6675 §5's recovery, and SACK agreed or not in real
 * handshakes over the UML kernel's loopback.
 */
#include <kunit/test.h>
#include <net/sock.h>

#include "loopback.h"

#define MSS 1000

/* RFC 2018 §2: kind 4 length 2 in a SYN; Linux's SYN has it before TS */
static void sack_option__permitted(struct kunit *test)
{
	static const u8 linux_syn[] = { 2, 4, 0xff, 0xd7, 4, 2, 8, 10,
					0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 };
	static const u8 bad_len[] = { 4, 3, 0, 1 };

	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(linux_syn, sizeof(linux_syn), true).has,
			EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE | EDUTCP_OPT_TS |
			EDUTCP_OPT_SACK_PERM);
	/* only on a SYN; a wrong length is not the option */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(linux_syn + 4, 2, false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(bad_len, sizeof(bad_len), true).has, 0);
}

/* RFC 2018 §3: kind 5, 2 + 8n bytes, edges in network order */
static void sack_option__blocks(struct kunit *test)
{
	static const u8 two[] = { 1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20,
				  0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 5 };
	static const u8 nine[] = { 5, 9, 0, 0, 0, 1, 0, 0, 0, 2, 0 };
	static const u8 empty[] = { 5, 2, 1, 1 };
	struct edutcp_opts o = edutcp_kt_parse(two, sizeof(two), false);

	KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_SACK);
	KUNIT_EXPECT_EQ(test, o.nr_sack, 2);
	KUNIT_EXPECT_EQ(test, o.sack[0].start, 10U);
	KUNIT_EXPECT_EQ(test, o.sack[0].end, 20U);
	KUNIT_EXPECT_EQ(test, o.sack[1].start, 0xfffffff0U);
	KUNIT_EXPECT_EQ(test, o.sack[1].end, 5U);	/* wraps: sack.c judges */
	/* a length that is not 2 + 8n, or no block: not the option */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(nine, sizeof(nine), false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(empty, sizeof(empty), false).has, 0);
	/* never on a SYN (§3: "MUST NOT be sent on a SYN") */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(two, sizeof(two), true).has, 0);
}

/* Written as Linux writes them, and read back the same */
static void sack_option__write(struct kunit *test)
{
	struct edutcp_opts o = { .has = EDUTCP_OPT_MSS | EDUTCP_OPT_TS |
				 EDUTCP_OPT_SACK_PERM | EDUTCP_OPT_WSCALE,
				 .mss = 1460, .wscale = 7, .tsval = 1 };
	static const u8 syn[] = { 2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1,
				  0, 0, 0, 0, 1, 3, 3, 7 };
	static const u8 perm_only[] = { 2, 4, 0x05, 0xb4, 1, 1, 4, 2 };
	struct edutcp_opts back;
	u8 buf[40];

	KUNIT_ASSERT_EQ(test, edutcp_options_len(&o), sizeof(syn));
	edutcp_write_options(buf, &o);
	KUNIT_EXPECT_EQ(test, memcmp(buf, syn, sizeof(syn)), 0);
	o.has = EDUTCP_OPT_MSS | EDUTCP_OPT_SACK_PERM;
	KUNIT_ASSERT_EQ(test, edutcp_options_len(&o), sizeof(perm_only));
	edutcp_write_options(buf, &o);
	KUNIT_EXPECT_EQ(test, memcmp(buf, perm_only, sizeof(perm_only)), 0);

	/* beside timestamps 3 blocks fit in the 40 bytes, alone 4 */
	o.has = EDUTCP_OPT_TS;
	KUNIT_EXPECT_EQ(test, edutcp_sack_room(&o), 3U);
	o.has = 0;
	KUNIT_EXPECT_EQ(test, edutcp_sack_room(&o), 4U);
	o.has = EDUTCP_OPT_TS | EDUTCP_OPT_SACK;
	o.nr_sack = 3;
	o.sack[0] = (struct edutcp_sack_block){ 100, 200 };
	o.sack[1] = (struct edutcp_sack_block){ 300, 400 };
	o.sack[2] = (struct edutcp_sack_block){ 0xfffffff0, 16 };
	KUNIT_ASSERT_EQ(test, edutcp_options_len(&o), 40U);
	edutcp_write_options(buf, &o);
	KUNIT_EXPECT_EQ(test, buf[12], 1);	/* NOP NOP 5 26 after TS */
	KUNIT_EXPECT_EQ(test, buf[14], 5);
	KUNIT_EXPECT_EQ(test, buf[15], 26);
	back = edutcp_kt_parse(buf, 40, false);
	KUNIT_EXPECT_EQ(test, back.has, EDUTCP_OPT_TS | EDUTCP_OPT_SACK);
	KUNIT_EXPECT_EQ(test, back.nr_sack, 3);
	KUNIT_EXPECT_EQ(test, back.sack[2].start, 0xfffffff0U);
	KUNIT_EXPECT_EQ(test, back.sack[2].end, 16U);
}

/* RFC 2018 §4: the newest block first, blocks merge, at most four */
static void sack_rcv__blocks(struct kunit *test)
{
	struct edutcp_sack_rcv r = { };
	struct edutcp_sack_block b[4];

	edutcp_sack_rcv_add(&r, 2000, 3000);
	edutcp_sack_rcv_add(&r, 4000, 5000);
	edutcp_sack_rcv_add(&r, 6000, 7000);
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 4), 3U);
	KUNIT_EXPECT_EQ(test, b[0].start, 6000U);
	KUNIT_EXPECT_EQ(test, b[1].start, 4000U);
	KUNIT_EXPECT_EQ(test, b[2].start, 2000U);
	/* 3000-4000 joins two blocks into one, first */
	edutcp_sack_rcv_add(&r, 3000, 4000);
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 4), 2U);
	KUNIT_EXPECT_EQ(test, b[0].start, 2000U);
	KUNIT_EXPECT_EQ(test, b[0].end, 5000U);
	KUNIT_EXPECT_EQ(test, b[1].start, 6000U);
	/* room for 1: the newest only */
	KUNIT_EXPECT_EQ(test, edutcp_sack_rcv_fill(&r, b, 1), 1U);
	KUNIT_EXPECT_EQ(test, b[0].start, 2000U);
	/* five blocks: the least recent is forgotten */
	edutcp_sack_rcv_add(&r, 8000, 9000);
	edutcp_sack_rcv_add(&r, 10000, 11000);
	edutcp_sack_rcv_add(&r, 12000, 13000);
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 4), 4U);
	KUNIT_EXPECT_EQ(test, b[0].start, 12000U);
	KUNIT_EXPECT_EQ(test, b[3].start, 2000U);
	edutcp_sack_rcv_add(&r, 14000, 15000);
	edutcp_sack_rcv_fill(&r, b, 4);
	KUNIT_EXPECT_EQ(test, b[3].start, 8000U);
	/* RCV.NXT reached 8000..9000: gone; the queue now ends at 12500 */
	edutcp_sack_rcv_advance(&r, 9000);
	edutcp_sack_rcv_clamp(&r, 12500);
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 4), 2U);
	KUNIT_EXPECT_EQ(test, b[0].start, 12000U);
	KUNIT_EXPECT_EQ(test, b[0].end, 12500U);
	KUNIT_EXPECT_EQ(test, b[1].start, 10000U);
}

/* RFC 2883 §4: a D-SACK goes first, once; the block holding it second */
static void sack_rcv__dsack(struct kunit *test)
{
	struct edutcp_sack_rcv r = { };
	struct edutcp_sack_block b[4];

	edutcp_sack_rcv_add(&r, 5000, 8000);
	edutcp_sack_rcv_add(&r, 9000, 10000);
	edutcp_sack_rcv_dup(&r, 1000, 2000);	/* below RCV.NXT: example 1 */
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 3), 3U);
	KUNIT_EXPECT_EQ(test, b[0].start, 1000U);
	KUNIT_EXPECT_EQ(test, b[0].end, 2000U);
	KUNIT_EXPECT_EQ(test, b[1].start, 9000U);
	KUNIT_EXPECT_EQ(test, edutcp_sack_rcv_fill(&r, b, 3), 2U);
	edutcp_sack_rcv_dup(&r, 6000, 7000);	/* inside a block: §4 (3) */
	KUNIT_ASSERT_EQ(test, edutcp_sack_rcv_fill(&r, b, 3), 3U);
	KUNIT_EXPECT_EQ(test, b[0].start, 6000U);
	KUNIT_EXPECT_EQ(test, b[1].start, 5000U);
	KUNIT_EXPECT_EQ(test, b[1].end, 8000U);
}

static struct edutcp_sb_news sb_ack(struct edutcp_sb *sb, u32 una, u32 nxt,
				    const struct edutcp_sack_block *b,
				    unsigned int n)
{
	struct edutcp_sb_news news;

	edutcp_sb_update(sb, una, nxt, b, n, &news);
	return news;
}

/* The scoreboard merges, trims at SND.UNA and trusts no block blindly */
static void sack_sb__update(struct kunit *test)
{
	const struct edutcp_sack_block b1[] = { { 3000, 4000 }, { 5000, 6000 } };
	const struct edutcp_sack_block b2[] = { { 3500, 5000 } };
	const struct edutcp_sack_block bad[] = {
		{ 4000, 3000 },			/* inverted */
		{ 9000, 11000 },		/* past SND.NXT */
		{ 0x80000000, 0x80001000 },	/* nowhere near */
	};
	const struct edutcp_sack_block dup_below[] = { { 500, 1000 },
						       { 3000, 6000 } };
	const struct edutcp_sack_block dup_inside[] = { { 3000, 3500 },
							{ 3000, 6000 } };
	struct edutcp_sb sb;
	struct edutcp_sb_news n;
	u32 end;

	edutcp_sb_reset(&sb, 1000);
	n = sb_ack(&sb, 1000, 10000, b1, 2);
	KUNIT_EXPECT_EQ(test, n.newly, 2000U);
	KUNIT_EXPECT_EQ(test, sb.nr, 2);
	n = sb_ack(&sb, 1000, 10000, b2, 1);
	KUNIT_EXPECT_EQ(test, n.newly, 1000U);	/* 4000..5000 was new */
	KUNIT_ASSERT_EQ(test, sb.nr, 1);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, 3000U);
	KUNIT_EXPECT_EQ(test, sb.r[0].end, 6000U);
	KUNIT_EXPECT_TRUE(test, edutcp_sb_sacked(&sb, 3000, &end));
	KUNIT_EXPECT_EQ(test, end, 6000U);
	KUNIT_EXPECT_FALSE(test, edutcp_sb_sacked(&sb, 1000, &end));
	KUNIT_EXPECT_EQ(test, end, 3000U);	/* the hole's end */
	n = sb_ack(&sb, 1000, 10000, bad, 3);
	KUNIT_EXPECT_EQ(test, n.bad, 3U);
	KUNIT_EXPECT_EQ(test, n.newly, 0U);
	KUNIT_EXPECT_EQ(test, sb.nr, 1);
	/* RFC 2883 §4: below the cumulative ACK, or inside the second block */
	n = sb_ack(&sb, 1000, 10000, dup_below, 2);
	KUNIT_EXPECT_EQ(test, n.dsack, 500U);
	KUNIT_EXPECT_EQ(test, n.dsack_blk.start, 500U);
	n = sb_ack(&sb, 1000, 10000, dup_inside, 2);
	KUNIT_EXPECT_EQ(test, n.dsack, 500U);
	KUNIT_EXPECT_EQ(test, n.newly, 0U);
	/* SND.UNA passes into the range: what is left of it stays */
	sb_ack(&sb, 4000, 10000, NULL, 0);
	KUNIT_ASSERT_EQ(test, sb.nr, 1);
	KUNIT_EXPECT_EQ(test, sb.r[0].start, 4000U);
	sb_ack(&sb, 6000, 10000, NULL, 0);
	KUNIT_EXPECT_EQ(test, sb.nr, 0);
}

/* RFC 6675 §4 IsLost: DupThresh ranges above, or > 2 SMSS SACKed above */
static void sack_sb__is_lost(struct kunit *test)
{
	const struct edutcp_sack_block two[] = { { 2000, 2100 }, { 3000, 3100 } };
	const struct edutcp_sack_block three[] = { { 4000, 4100 } };
	const struct edutcp_sack_block big[] = { { 2000, 4001 } };
	struct edutcp_sb sb;

	edutcp_sb_reset(&sb, 1000);
	sb_ack(&sb, 1000, 10000, two, 2);
	KUNIT_EXPECT_FALSE(test, edutcp_sb_is_lost(&sb, 1000, MSS));
	sb_ack(&sb, 1000, 10000, three, 1);
	KUNIT_EXPECT_TRUE(test, edutcp_sb_is_lost(&sb, 1000, MSS));
	/* the hole 2100..3000 has two ranges above it, 200 bytes */
	KUNIT_EXPECT_FALSE(test, edutcp_sb_is_lost(&sb, 2100, MSS));
	edutcp_sb_reset(&sb, 1000);
	sb_ack(&sb, 1000, 10000, big, 1);	/* 2001 bytes > 2 * 1000 */
	KUNIT_EXPECT_TRUE(test, edutcp_sb_is_lost(&sb, 1000, MSS));
	edutcp_sb_reset(&sb, 1000);
	sb_ack(&sb, 1000, 10000, (const struct edutcp_sack_block[]){
		{ 2000, 4000 } }, 1);
	KUNIT_EXPECT_FALSE(test, edutcp_sb_is_lost(&sb, 1000, MSS));
}

/* sacked [3000,4000) [5000,6000) [7000,8000) of 1000..10000 sent */
static void sb_three(struct edutcp_sb *sb)
{
	const struct edutcp_sack_block b[] = { { 3000, 4000 }, { 5000, 6000 },
					       { 7000, 8000 } };

	edutcp_sb_reset(sb, 1000);
	sb_ack(sb, 1000, 10000, b, 3);
}

/*
 * RFC 6675 §4 SetPipe by hand: 1000..3000 has three ranges above it
 * (lost, 0); 4000..5000 has two, 2000 bytes, not more than 2 SMSS (not
 * lost, 1000); 6000..7000 one (1000); above 8000 nothing is lost (2000):
 * 4000. Each byte sent again and not SACKed counts once more.
 */
static void sack_sb__pipe(struct kunit *test)
{
	struct edutcp_sb sb;

	sb_three(&sb);
	KUNIT_EXPECT_EQ(test, edutcp_sb_pipe(&sb, 1000, 10000, MSS), 4000U);
	sb.high_rxt = 2000;
	KUNIT_EXPECT_EQ(test, edutcp_sb_pipe(&sb, 1000, 10000, MSS), 5000U);
	/* all of the lost hole (2000) and half the next, counted twice */
	sb.high_rxt = 4500;
	KUNIT_EXPECT_EQ(test, edutcp_sb_pipe(&sb, 1000, 10000, MSS), 6500U);
	KUNIT_EXPECT_EQ(test, edutcp_sb_sacked_bytes(&sb), 3000U);
}

/* RFC 6675 §4 NextSeg, its four rules in order */
static void sack_sb__next_seg(struct kunit *test)
{
	struct edutcp_sb sb;
	u32 seq = 0, len = 0;

	sb_three(&sb);
	/* (1) the lost hole, one SMSS at a time from HighRxt */
	KUNIT_EXPECT_EQ(test, edutcp_sb_next_seg(&sb, 1000, 10000, MSS, true,
						 &seq, &len), EDUTCP_SB_LOST);
	KUNIT_EXPECT_EQ(test, seq, 1000U);
	KUNIT_EXPECT_EQ(test, len, 1000U);
	sb.high_rxt = 2500;
	edutcp_sb_next_seg(&sb, 1000, 10000, MSS, true, &seq, &len);
	KUNIT_EXPECT_EQ(test, seq, 2500U);
	KUNIT_EXPECT_EQ(test, len, 500U);	/* to the hole's end */
	/* (2) new data before holes not yet lost */
	sb.high_rxt = 3000;
	KUNIT_EXPECT_EQ(test, edutcp_sb_next_seg(&sb, 1000, 10000, MSS, true,
						 &seq, &len), EDUTCP_SB_NEW);
	/* (3) without new data, the first hole above HighRxt */
	KUNIT_EXPECT_EQ(test, edutcp_sb_next_seg(&sb, 1000, 10000, MSS, false,
						 &seq, &len), EDUTCP_SB_HOLE);
	KUNIT_EXPECT_EQ(test, seq, 4000U);
	/* (4) every hole sent again: the rescue, the last SMSS unSACKed */
	sb.high_rxt = 7000;
	KUNIT_EXPECT_EQ(test, edutcp_sb_next_seg(&sb, 1000, 10000, MSS, false,
						 &seq, &len), EDUTCP_SB_RESCUE);
	KUNIT_EXPECT_EQ(test, seq, 9000U);
	KUNIT_EXPECT_EQ(test, len, 1000U);
	/* once per episode: RescueRxt = RecoveryPoint until HighACK passes */
	sb.rescue_rxt = 10000;
	KUNIT_EXPECT_EQ(test, edutcp_sb_next_seg(&sb, 1000, 10000, MSS, false,
						 &seq, &len), EDUTCP_SB_NONE);
}

/* RFC 2883 §5: undone only when every resend is reported twice */
static void sack_undo__dsack(struct kunit *test)
{
	struct edutcp_undo u = { };
	int i;

	edutcp_undo_start(&u, 20000, 0xffffffff);
	edutcp_undo_sent(&u, 1000, 2000);
	edutcp_undo_sent(&u, 4000, 5000);
	KUNIT_EXPECT_FALSE(test, edutcp_undo_dsack(&u, 1000, 2000));
	KUNIT_EXPECT_FALSE(test, edutcp_undo_dsack(&u, 1000, 2000));
	KUNIT_EXPECT_FALSE(test, edutcp_undo_dsack(&u, 7000, 8000));
	KUNIT_EXPECT_TRUE(test, edutcp_undo_dsack(&u, 4000, 5000));
	KUNIT_EXPECT_EQ(test, u.prior_cwnd, 20000U);
	KUNIT_EXPECT_FALSE(test, edutcp_undo_dsack(&u, 4000, 5000));
	/* more resends than it remembers: never undone */
	edutcp_undo_start(&u, 20000, 0xffffffff);
	for (i = 0; i <= EDUTCP_UNDO_MAX; i++)
		edutcp_undo_sent(&u, i * 1000, i * 1000 + 1000);
	for (i = 0; i <= EDUTCP_UNDO_MAX; i++)
		KUNIT_EXPECT_FALSE(test, edutcp_undo_dsack(&u, i * 1000,
							   i * 1000 + 1000));
}

/* RFC 6675 §5 (4.2): cwnd = ssthresh = FlightSize / 2, and no inflation */
static void sack_cc__recovery_window(struct kunit *test)
{
	struct edutcp_cc cc;
	int i;

	edutcp_cc_init(&cc, MSS, 0, true);
	cc.cwnd = 20 * MSS;
	for (i = 0; i < 2; i++)
		KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, 100, 20 * MSS,
							20100), EDUTCP_CC_NONE);
	KUNIT_EXPECT_EQ(test, edutcp_cc_dup_ack(&cc, 100, 20 * MSS, 20100),
			EDUTCP_CC_FAST_RETRANSMIT);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10U * MSS);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, 10U * MSS);
	edutcp_cc_dup_ack(&cc, 100, 20 * MSS, 20100);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10U * MSS);	/* NewReno: 14 */
	/* a partial ACK: NextSeg sends; the window stays */
	KUNIT_EXPECT_EQ(test, edutcp_cc_new_ack(&cc, 5100, 5000, 15 * MSS, 0, 0),
			EDUTCP_CC_NONE);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10U * MSS);
	KUNIT_EXPECT_TRUE(test, cc.in_recovery);
	edutcp_cc_new_ack(&cc, 20100, 15000, 0, 0, 0);
	KUNIT_EXPECT_FALSE(test, cc.in_recovery);
	KUNIT_EXPECT_LE(test, cc.cwnd, 10U * MSS);
}

static void sack_connect(struct kunit *test, u16 port, int server,
			 int client, struct socket **c, struct socket **s)
{
	edutcp_kt_connect(test, port, &edutcp_pernet(&init_net)->sysctl.sack,
			  server, client, c, s);
}

/* RFC 2018 §2: both SYNs carry SACK permitted, or neither side uses it */
static void sack_negotiate(struct kunit *test)
{
	static const int modes[4][2] = { { 1, 1 }, { 0, 1 }, { 1, 0 }, { 0, 0 } };
	struct socket *c, *s;
	int i;

	for (i = 0; i < 4; i++) {
		bool both = modes[i][0] && modes[i][1];

		sack_connect(test, 5121 + i, modes[i][0], modes[i][1], &c, &s);
		KUNIT_EXPECT_EQ(test, (bool)edutcp_sk(c->sk)->sack_ok, both);
		KUNIT_EXPECT_EQ(test, (bool)edutcp_sk(s->sk)->sack_ok, both);
		KUNIT_EXPECT_EQ(test, (bool)edutcp_sk(c->sk)->cc.sack, both);
		sock_release(s);
		sock_release(c);
	}
}

static struct kunit_case edutcp_sack_cases[] = {
	KUNIT_CASE(sack_option__permitted),
	KUNIT_CASE(sack_option__blocks),
	KUNIT_CASE(sack_option__write),
	KUNIT_CASE(sack_rcv__blocks),
	KUNIT_CASE(sack_rcv__dsack),
	KUNIT_CASE(sack_sb__update),
	KUNIT_CASE(sack_sb__is_lost),
	KUNIT_CASE(sack_sb__pipe),
	KUNIT_CASE(sack_sb__next_seg),
	KUNIT_CASE(sack_undo__dsack),
	KUNIT_CASE(sack_cc__recovery_window),
	KUNIT_CASE(sack_negotiate),
	{}
};

static struct kunit_suite edutcp_sack_suite = {
	.name = "edutcp_sack",
	.init = edutcp_kt_lo_up,
	.test_cases = edutcp_sack_cases,
};

kunit_test_suite(edutcp_sack_suite);
