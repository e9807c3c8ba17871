// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_input": edutcp_parse(), the first thing the
 * receive path does with a packet (input.c): the header checks that drop
 * a malformed segment (RFC 9293 §3.1's header layout, §3.10.7.1's SYN
 * rules) and the option list (RFC 9293 §3.2: kinds 0 and 1 are one byte,
 * every other kind carries its length (MUST-6); an option edutcp does
 * not implement is skipped by its length (MUST-5); an illegal length,
 * zero for one, is handled (MUST-7): the list ends there and nothing past
 * the header is read).
 * Each packet is built as IPv4 hands it over: the network header set,
 * skb->data at the edutcp header, and, where a case says so, the header
 * in a page fragment rather than in the linear part.
 */
#include <kunit/test.h>
#include <linux/ip.h>
#include <linux/skbuff.h>

#include "../module/edutcp.h"

#define SRC	0x0a070002U	/* 10.7.0.2 */
#define DST	0x0a070001U	/* 10.7.0.1 */

/* an edutcp header: ports 40000 -> 7, seq 1000, ack 2000, window 512 */
static int header(u8 *b, u8 flags, const u8 *opt, int optlen, int doff_words)
{
	struct edutcp_hdr *th = (struct edutcp_hdr *)b;

	memset(th, 0, sizeof(*th));
	th->source = htons(40000);
	th->dest = htons(7);
	th->seq = htonl(1000);
	th->ack_seq = htonl(2000);
	th->doff_res = doff_words << 4;
	th->flags = flags;
	th->window = htons(512);
	if (optlen)
		memcpy(b + EDUTCP_HDR_LEN, opt, optlen);
	return EDUTCP_HDR_LEN + optlen;
}

static void put_iphdr(struct sk_buff *skb, int tot_len)
{
	struct iphdr *iph = skb_put_zero(skb, sizeof(*iph));

	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->tot_len = htons(tot_len);
	iph->saddr = htonl(SRC);
	iph->daddr = htonl(DST);
}

/*
 * A packet of IP header, @len bytes of @seg (header and text) in the
 * linear part, skb->data at the edutcp header. Freed by the test.
 */
static struct sk_buff *linear(struct kunit *test, const u8 *seg, int len)
{
	struct sk_buff *skb = alloc_skb(MAX_HEADER + 20 + len, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, MAX_HEADER);
	skb_reset_network_header(skb);
	put_iphdr(skb, 20 + len);
	skb_put_data(skb, seg, len);
	skb_pull(skb, 20);
	skb_reset_transport_header(skb);
	return skb;
}

/*
 * The same, but only the IP header in the linear part, with no room after
 * it, and the edutcp header in a page fragment: pulling the header into
 * the linear part must move the head to a new allocation (and free the
 * old one), as it does for a packet a driver built from pages.
 */
static struct sk_buff *paged(struct kunit *test, const u8 *seg, int len)
{
	struct sk_buff *skb = alloc_skb(128, GFP_KERNEL);
	struct page *page = alloc_page(GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_NOT_NULL(test, page);
	skb_reserve(skb, skb_tailroom(skb) - 20);
	skb_reset_network_header(skb);
	put_iphdr(skb, 20 + len);
	KUNIT_ASSERT_EQ(test, skb_tailroom(skb), 0);
	memcpy(page_address(page), seg, len);
	skb_add_rx_frag(skb, 0, page, 0, len, PAGE_SIZE);
	skb_pull(skb, 20);
	KUNIT_ASSERT_EQ(test, skb_headlen(skb), 0);
	return skb;
}

static int parse(struct kunit *test, struct sk_buff *skb,
		 struct edutcp_seg *seg)
{
	int err;

	memset(seg, 0, sizeof(*seg));
	err = edutcp_parse(skb, seg);
	kfree_skb(skb);
	return err;
}

/* every field of a plain segment, as RFC 9293 §3.1 lays the header out */
static void edutcp_parse__fields(struct kunit *test)
{
	u8 b[64];
	struct edutcp_seg seg;
	int n = header(b, EDUTCP_ACK | EDUTCP_PSH, NULL, 0, 5);

	memcpy(b + n, "hello", 5);
	KUNIT_ASSERT_EQ(test, parse(test, linear(test, b, n + 5), &seg), 0);
	KUNIT_EXPECT_EQ(test, ntohl(seg.saddr), SRC);
	KUNIT_EXPECT_EQ(test, ntohl(seg.daddr), DST);
	KUNIT_EXPECT_EQ(test, ntohs(seg.sport), 40000);
	KUNIT_EXPECT_EQ(test, ntohs(seg.dport), 7);
	KUNIT_EXPECT_EQ(test, seg.seq, 1000U);
	KUNIT_EXPECT_EQ(test, seg.ack, 2000U);
	KUNIT_EXPECT_EQ(test, seg.wnd, 512);
	KUNIT_EXPECT_EQ(test, seg.flags, EDUTCP_ACK | EDUTCP_PSH);
	KUNIT_EXPECT_EQ(test, seg.doff, 20U);
	KUNIT_EXPECT_EQ(test, seg.len, 5U);
	KUNIT_EXPECT_EQ(test, seg.opt.mss, 0);
}

/*
 * The header in a page fragment: the addresses come from the IP header
 * after the pull, not through a pointer taken before it (which the pull
 * may free: KASAN reports the read, in the debug kernel).
 */
static void edutcp_parse__header_in_a_fragment(struct kunit *test)
{
	static const u8 mss[] = { 2, 4, 0x05, 0xb4 };
	u8 b[64];
	struct edutcp_seg seg;
	int n = header(b, EDUTCP_SYN, mss, sizeof(mss), 6);

	KUNIT_ASSERT_EQ(test, parse(test, paged(test, b, n), &seg), 0);
	KUNIT_EXPECT_EQ(test, ntohl(seg.saddr), SRC);
	KUNIT_EXPECT_EQ(test, ntohl(seg.daddr), DST);
	KUNIT_EXPECT_EQ(test, seg.flags, EDUTCP_SYN);
	KUNIT_EXPECT_EQ(test, seg.opt.mss, 1460);
	KUNIT_EXPECT_EQ(test, seg.len, 0U);
}

/* shorter than a header, a data offset under 5 words or past the end */
static void edutcp_parse__bad_lengths(struct kunit *test)
{
	u8 b[64];
	struct edutcp_seg seg;
	int n;

	n = header(b, EDUTCP_ACK, NULL, 0, 5);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, 19), &seg), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse(test, paged(test, b, 19), &seg), -EINVAL);
	n = header(b, EDUTCP_ACK, NULL, 0, 4);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	n = header(b, EDUTCP_ACK, NULL, 0, 0);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	/* 6 words of header, 20 bytes there */
	n = header(b, EDUTCP_ACK, NULL, 0, 6);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	KUNIT_EXPECT_EQ(test, parse(test, paged(test, b, n), &seg), -EINVAL);
	/* 15 words, 60 bytes: there, all options NOP */
	memset(b, 1, sizeof(b));
	n = header(b, EDUTCP_ACK, NULL, 0, 15);
	memset(b + n, 1, 40);
	KUNIT_EXPECT_EQ(test, parse(test, paged(test, b, 60), &seg), 0);
	KUNIT_EXPECT_EQ(test, seg.doff, 60U);
	KUNIT_EXPECT_EQ(test, seg.len, 0U);
}

/* a zero port is no port; SYN with FIN or RST is no segment a peer sends */
static void edutcp_parse__impossible_segments(struct kunit *test)
{
	u8 b[64];
	struct edutcp_seg seg;
	int n;

	n = header(b, EDUTCP_SYN, NULL, 0, 5);
	((struct edutcp_hdr *)b)->source = 0;
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	n = header(b, EDUTCP_SYN, NULL, 0, 5);
	((struct edutcp_hdr *)b)->dest = 0;
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	n = header(b, EDUTCP_SYN | EDUTCP_FIN, NULL, 0, 5);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	n = header(b, EDUTCP_SYN | EDUTCP_RST, NULL, 0, 5);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), -EINVAL);
	/* the two reserved-for-ECN bits are not edutcp's flags */
	n = header(b, 0xc0 | EDUTCP_ACK, NULL, 0, 5);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, n), &seg), 0);
	KUNIT_EXPECT_EQ(test, seg.flags, EDUTCP_ACK);
}

/* the MSS of a SYN with options @opt (padded to a word with EOL) */
static u16 mss_of(struct kunit *test, const u8 *opt, int len)
{
	u8 b[64] = { };
	struct edutcp_seg seg;
	int words = (EDUTCP_HDR_LEN + len + 3) / 4;

	header(b, EDUTCP_SYN, opt, len, words);
	KUNIT_EXPECT_EQ(test, parse(test, linear(test, b, words * 4), &seg), 0);
	return seg.opt.mss;
}

/* RFC 9293 §3.2, MUST-5 to MUST-7: the option list */
static void edutcp_parse__options(struct kunit *test)
{
	static const u8 after_nops[] = { 1, 1, 1, 2, 4, 0x02, 0x18 };
	static const u8 after_unknown[] = { 8, 10, 0, 0, 0, 0, 0, 0, 0, 0,
					    2, 4, 0x02, 0x00 };
	static const u8 after_eol[] = { 0, 2, 4, 0x05, 0xb4 };
	static const u8 zero_length[] = { 30, 0, 2, 4, 0x05, 0xb4 };
	static const u8 one_length[] = { 30, 1, 2, 4, 0x05, 0xb4 };
	static const u8 past_the_end[] = { 30, 40, 2, 4, 0x05, 0xb4 };
	static const u8 mss_too_long[] = { 2, 6, 0x05, 0xb4, 0, 0 };
	static const u8 mss_cut[] = { 1, 1, 1, 1, 1, 2, 4, 0x05 };

	KUNIT_EXPECT_EQ(test, mss_of(test, after_nops, sizeof(after_nops)), 536);
	/* a kind edutcp does not implement is skipped by its length */
	KUNIT_EXPECT_EQ(test, mss_of(test, after_unknown, sizeof(after_unknown)),
			512);
	/* EOL ends the list */
	KUNIT_EXPECT_EQ(test, mss_of(test, after_eol, sizeof(after_eol)), 0);
	/* illegal lengths end it too, and nothing is read past it */
	KUNIT_EXPECT_EQ(test, mss_of(test, zero_length, sizeof(zero_length)), 0);
	KUNIT_EXPECT_EQ(test, mss_of(test, one_length, sizeof(one_length)), 0);
	KUNIT_EXPECT_EQ(test, mss_of(test, past_the_end, sizeof(past_the_end)), 0);
	/* an MSS option of the wrong length is not an MSS */
	KUNIT_EXPECT_EQ(test, mss_of(test, mss_too_long, sizeof(mss_too_long)), 0);
	/* an MSS cut off by the end of the header (one byte of it missing) */
	KUNIT_EXPECT_EQ(test, mss_of(test, mss_cut, sizeof(mss_cut)), 0);
}

static struct kunit_case edutcp_input_cases[] = {
	KUNIT_CASE(edutcp_parse__fields),
	KUNIT_CASE(edutcp_parse__header_in_a_fragment),
	KUNIT_CASE(edutcp_parse__bad_lengths),
	KUNIT_CASE(edutcp_parse__impossible_segments),
	KUNIT_CASE(edutcp_parse__options),
	{}
};

static struct kunit_suite edutcp_input_suite = {
	.name = "edutcp_input",
	.test_cases = edutcp_input_cases,
};

kunit_test_suite(edutcp_input_suite);
