// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_options": the option list (options.c) read
 * and written byte by byte, the window scale a buffer asks for, and
 * window scaling negotiated in real handshakes over the UML kernel's
 * loopback (RFC 7323 §2): both SYNs carry the option or neither side
 * scales; a SYN's own window is never scaled; windows past 64 KiB.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <net/sock.h>

#include "loopback.h"

/* RFC 7323 §2.2: kind 3, length 3, the shift count; in Linux's SYN */
static void options_parse__mss_and_window_scale(struct kunit *test)
{
	static const u8 linux_syn[] = { 2, 4, 0xff, 0xd7, 4, 2, 8, 10,
					0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7 };
	struct edutcp_opts o = edutcp_kt_parse(linux_syn, sizeof(linux_syn), true);

	KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE |
			EDUTCP_OPT_TS | EDUTCP_OPT_SACK_PERM);
	KUNIT_EXPECT_EQ(test, o.mss, 65495);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
	KUNIT_EXPECT_EQ(test, o.tsval, 1U);	/* RFC 7323 §3.2 */
	KUNIT_EXPECT_EQ(test, o.tsecr, 0U);
}

/* RFC 7323 §2.3: a shift above 14 MUST be taken as 14 */
static void options_parse__shift_above_14(struct kunit *test)
{
	static const u8 ws15[] = { 1, 3, 3, 15 };
	static const u8 ws255[] = { 1, 3, 3, 255 };
	static const u8 ws14[] = { 1, 3, 3, 14 };

	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws15, 4, true).wscale, 14);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws255, 4, true).wscale, 14);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws14, 4, true).wscale, 14);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws255, 4, true).has, EDUTCP_OPT_WSCALE);
}

/* RFC 7323 §2.2: the option is ignored in a segment without SYN (so is MSS) */
static void options_parse__not_on_syn(struct kunit *test)
{
	static const u8 opt[] = { 2, 4, 0x05, 0xb4, 1, 3, 3, 7 };

	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(opt, sizeof(opt), false).has, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(opt, sizeof(opt), false).wscale, 0);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(opt, sizeof(opt), false).mss, 0);
}

/* RFC 9293 MUST-6/MUST-7: bad lengths; a wrong length is not the option */
static void options_parse__bad_lengths(struct kunit *test)
{
	static const u8 ws_len2[] = { 3, 2, 1, 1 };
	static const u8 ws_len4[] = { 3, 4, 7, 0, 2, 4, 0x05, 0xb4 };
	static const u8 ws_cut[] = { 1, 1, 1, 3, 3 };
	static const u8 ws_len0[] = { 3, 0, 7, 1, 2, 4, 0x05, 0xb4 };
	static const u8 after_bad[] = { 2, 4, 0x05, 0xb4, 30, 9, 1, 3, 3, 7 };
	static const u8 twice[] = { 1, 3, 3, 2, 1, 3, 3, 9 };
	struct edutcp_opts o;

	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws_len2, sizeof(ws_len2), true).has, 0);
	/* skipped by its length: the MSS after it counts */
	o = edutcp_kt_parse(ws_len4, sizeof(ws_len4), true);
	KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_MSS);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	/* cut by the end of the header: nothing read past it */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws_cut, sizeof(ws_cut), true).has, 0);
	/* an impossible length ends the list */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(ws_len0, sizeof(ws_len0), true).has, 0);
	/* what came before a length past the end stands, nothing after */
	o = edutcp_kt_parse(after_bad, sizeof(after_bad), true);
	KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_MSS);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	/* the first of two counts */
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(twice, sizeof(twice), true).wscale, 2);
	KUNIT_EXPECT_EQ(test, edutcp_kt_parse(NULL, 0, true).has, 0);
}

/* what a SYN of ours carries, byte for byte, in Linux's order */
static void options_write__layout(struct kunit *test)
{
	struct edutcp_opts o = {
		.has = EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE, .mss = 1460,
		.wscale = 6,
	};
	static const u8 want[] = { 2, 4, 0x05, 0xb4, 1, 3, 3, 6 };
	u8 b[40];

	memset(b, 0xee, sizeof(b));
	KUNIT_EXPECT_EQ(test, edutcp_options_len(&o), 8U);
	edutcp_write_options(b, &o);
	KUNIT_EXPECT_EQ(test, memcmp(b, want, sizeof(want)), 0);
	KUNIT_EXPECT_EQ(test, b[8], 0xee);	/* nothing past its length */
	o.has = EDUTCP_OPT_MSS;
	KUNIT_EXPECT_EQ(test, edutcp_options_len(&o), 4U);
	KUNIT_EXPECT_EQ(test, edutcp_options_len(NULL), 0U);
	/* and what it writes, it reads back */
	o.has = EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE;
	o = edutcp_kt_parse(b, edutcp_options_len(&o), true);
	KUNIT_EXPECT_EQ(test, o.has, EDUTCP_OPT_MSS | EDUTCP_OPT_WSCALE);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	KUNIT_EXPECT_EQ(test, o.wscale, 6);
}

/* RFC 7323 §2.3: the least shift that lets 16 bits say the window */
static void options_wscale_for(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(0), 0);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(65535), 0);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(65536), 1);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(131070), 1);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(131071), 2);
	/* net.edutcp.rmem's default maximum, 6 MiB, half of it for text */
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(6291456 / 2), 6);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(1U << 30), 14);
	KUNIT_EXPECT_EQ(test, edutcp_wscale_for(U32_MAX), 14);
}

/* a connection with net.edutcp.window_scaling as given, each end */
static void ws_connect(struct kunit *test, u16 port, int server_ws,
		       int client_ws, struct socket **c, struct socket **s)
{
	edutcp_kt_connect(test, port,
			  &edutcp_pernet(&init_net)->sysctl.window_scaling,
			  server_ws, client_ws, c, s);
}

/* SND.WND of @a is what @b last offered it, in bytes */
static void ws_expect_windows(struct kunit *test, struct socket *a,
			      struct socket *b)
{
	struct edutcp_sock *ea = edutcp_sk(a->sk), *eb = edutcp_sk(b->sk);

	lock_sock(b->sk);
	KUNIT_EXPECT_EQ(test, ea->snd_wnd, edutcp_rcv_wnd_offered(eb));
	release_sock(b->sk);
}

/* RFC 7323 §2: both offer it: each scales by the other's shift */
static void options_wscale__both(struct kunit *test)
{
	struct socket *c, *s;
	struct edutcp_sock *ce, *se;

	ws_connect(test, 5101, 1, 1, &c, &s);
	ce = edutcp_sk(c->sk);
	se = edutcp_sk(s->sk);
	KUNIT_EXPECT_TRUE(test, ce->wscale_ok && se->wscale_ok);
	KUNIT_EXPECT_EQ(test, ce->snd_wscale, se->rcv_wscale);
	KUNIT_EXPECT_EQ(test, se->snd_wscale, ce->rcv_wscale);
	KUNIT_EXPECT_EQ(test, ce->rcv_wscale,
			edutcp_wscale_for(edutcp_rcv_max(c->sk)));
	KUNIT_EXPECT_GT(test, ce->rcv_wscale, 0);
	ws_expect_windows(test, c, s);
	ws_expect_windows(test, s, c);
	/* half of a 1 MiB buffer: more than 16 bits say */
	KUNIT_EXPECT_GT(test, ce->snd_wnd, 65535U);
	KUNIT_EXPECT_GT(test, se->snd_wnd, 65535U);
	sock_release(s);
	sock_release(c);
}

/* RFC 7323 §2.2: one side without it: neither scales, 65535 at most */
static void options_wscale__one_side(struct kunit *test)
{
	static const int modes[2][2] = { { 0, 1 }, { 1, 0 } };
	struct edutcp_sock *ce, *se;
	struct socket *c, *s;
	int i;

	for (i = 0; i < 2; i++) {
		ws_connect(test, 5102 + i, modes[i][0], modes[i][1], &c, &s);
		ce = edutcp_sk(c->sk);
		se = edutcp_sk(s->sk);
		KUNIT_EXPECT_FALSE(test, ce->wscale_ok || se->wscale_ok);
		KUNIT_EXPECT_EQ(test, ce->snd_wscale + ce->rcv_wscale, 0);
		KUNIT_EXPECT_EQ(test, se->snd_wscale + se->rcv_wscale, 0);
		ws_expect_windows(test, c, s);
		ws_expect_windows(test, s, c);
		KUNIT_EXPECT_LE(test, ce->snd_wnd, 65535U);
		KUNIT_EXPECT_LE(test, se->snd_wnd, 65535U);
		sock_release(s);
		sock_release(c);
	}
}

/* RFC 7323 §2.2 with MUST-10: a simultaneous open scales both ways too */
static void options_wscale__simultaneous_open(struct kunit *test)
{
	struct socket *a = edutcp_kt_socket(test, 5104), *b = edutcp_kt_socket(test, 5105);
	struct sockaddr_edutcp aa = { .sin_family = edutcp_family }, ba;

	aa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ba = aa;
	aa.sin_port = htons(5104);
	ba.sin_port = htons(5105);
	lock_sock(a->sk);
	lock_sock_nested(b->sk, SINGLE_DEPTH_NESTING);
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, edutcp_start_connect(a->sk, &ba), 0);
	KUNIT_EXPECT_EQ(test, edutcp_start_connect(b->sk, &aa), 0);
	local_bh_enable();
	release_sock(b->sk);
	release_sock(a->sk);
	msleep(200);
	KUNIT_EXPECT_EQ(test, edutcp_sk(a->sk)->state, (u8)EDUTCP_ESTABLISHED);
	KUNIT_EXPECT_TRUE(test, edutcp_sk(a->sk)->wscale_ok &&
			  edutcp_sk(b->sk)->wscale_ok);
	KUNIT_EXPECT_EQ(test, edutcp_sk(a->sk)->snd_wscale,
			edutcp_sk(b->sk)->rcv_wscale);
	KUNIT_EXPECT_EQ(test, edutcp_sk(b->sk)->snd_wscale,
			edutcp_sk(a->sk)->rcv_wscale);
	ws_expect_windows(test, a, b);
	ws_expect_windows(test, b, a);
	sock_release(a);
	sock_release(b);
}

static struct kunit_case edutcp_options_cases[] = {
	KUNIT_CASE(options_parse__mss_and_window_scale),
	KUNIT_CASE(options_parse__shift_above_14),
	KUNIT_CASE(options_parse__not_on_syn),
	KUNIT_CASE(options_parse__bad_lengths),
	KUNIT_CASE(options_write__layout),
	KUNIT_CASE(options_wscale_for),
	KUNIT_CASE(options_wscale__both),
	KUNIT_CASE(options_wscale__one_side),
	KUNIT_CASE(options_wscale__simultaneous_open),
	{}
};

static struct kunit_suite edutcp_options_suite = {
	.name = "edutcp_options",
	.init = edutcp_kt_lo_up,
	.test_cases = edutcp_options_cases,
};

kunit_test_suite(edutcp_options_suite);
