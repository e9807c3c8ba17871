// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp KUnit suite "edutcp_conn": whole connections between kernel
 * sockets over the UML kernel's loopback, checked segment rule by rule
 * through the TCB: the three-way handshake (RFC 9293 §3.5: seq x, ack
 * x+1; SYN and FIN each take one sequence number), the active and the
 * passive close, TIME_WAIT and its 2*MSL (with an injected clock),
 * simultaneous open (MUST-10) and simultaneous close, a refused connect
 * (§3.10.7.1), the SYN queue's SYN+ACK retries (injected clock), and a
 * zero window probed on the persist timer (§3.8.6.1).
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "loopback.h"

/* Wait (up to a second) for a socket to reach a state. */
static bool conn_wait_state(struct sock *sk, u8 state)
{
	int i;

	for (i = 0; i < 50 && READ_ONCE(edutcp_sk(sk)->state) != state; i++)
		msleep(20);
	return READ_ONCE(edutcp_sk(sk)->state) == state;
}

static unsigned int conn_tw_count(void)
{
	return READ_ONCE(edutcp_pernet(&init_net)->tw_count);
}

/*
 * RFC 9293 §3.5 Figure 7: SYN seq=x; SYN+ACK seq=y ack=x+1; ACK
 * seq=x+1 ack=y+1. Then 3 bytes of text and both closes: the FIN takes
 * one sequence number; the active closer ends in TIME_WAIT, which lasts
 * 2*MSL.
 */
static void conn_handshake_and_close(struct kunit *test)
{
	struct socket *l = edutcp_kt_socket(test, 5001), *c = edutcp_kt_socket(test, 0);
	struct sockaddr_edutcp a = edutcp_kt_addr(5001);
	struct edutcp_sock *ce, *se;
	struct socket *s = NULL;
	struct kvec v = { .iov_base = "abc", .iov_len = 3 };
	struct msghdr m = { };
	unsigned int tw;
	u32 x, y;

	KUNIT_ASSERT_EQ(test, kernel_listen(l, 4), 0);
	KUNIT_ASSERT_EQ(test, kernel_connect(c, (struct sockaddr *)&a,
					     sizeof(a), 0), 0);
	KUNIT_ASSERT_EQ(test, kernel_accept(l, &s, 0), 0);
	ce = edutcp_sk(c->sk);
	se = edutcp_sk(s->sk);
	x = ce->iss;
	y = se->iss;
	KUNIT_EXPECT_EQ(test, ce->state, (u8)EDUTCP_ESTABLISHED);
	KUNIT_EXPECT_TRUE(test, conn_wait_state(s->sk, EDUTCP_ESTABLISHED));
	/* the SYN took one: both sides agree on x+1 and y+1 */
	KUNIT_EXPECT_EQ(test, ce->snd_nxt, x + 1);
	KUNIT_EXPECT_EQ(test, ce->snd_una, x + 1);
	KUNIT_EXPECT_EQ(test, ce->rcv_nxt, y + 1);
	KUNIT_EXPECT_EQ(test, se->irs, x);
	KUNIT_EXPECT_EQ(test, se->rcv_nxt, x + 1);
	KUNIT_EXPECT_EQ(test, se->snd_nxt, y + 1);
	KUNIT_EXPECT_EQ(test, ce->irs, y);
	/*
	 * RFC 9293 §3.7.1: the MSS either side offers is its MTU less 40
	 * (IPv4 and TCP headers without options), where no IPv4 packet is
	 * longer than 65535 (its total length field); both are lo's here,
	 * so each side's effective MSS is that number, less the 12 bytes
	 * every segment's timestamps take (RFC 7323 §3.2, on by default)
	 */
	KUNIT_EXPECT_TRUE(test, ce->ts_ok && se->ts_ok);
	KUNIT_EXPECT_EQ(test, (u32)ce->mss,
			min_t(u32, 65535, READ_ONCE(init_net.loopback_dev->mtu)) -
			40 - EDUTCP_TS_ALIGNED);
	KUNIT_EXPECT_EQ(test, (u32)se->mss,
			min_t(u32, 65535, READ_ONCE(init_net.loopback_dev->mtu)) -
			40 - EDUTCP_TS_ALIGNED);

	KUNIT_EXPECT_EQ(test, kernel_sendmsg(c, &m, &v, 1, 3), 3);
	KUNIT_EXPECT_TRUE(test, READ_ONCE(se->rcv_nxt) == x + 4);

	/* active close by the client: FIN seq=x+4, acked with x+5 */
	tw = conn_tw_count();
	KUNIT_EXPECT_EQ(test, kernel_sock_shutdown(c, SHUT_WR), 0);
	KUNIT_EXPECT_TRUE(test, conn_wait_state(c->sk, EDUTCP_FIN_WAIT_2));
	KUNIT_EXPECT_TRUE(test, conn_wait_state(s->sk, EDUTCP_CLOSE_WAIT));
	KUNIT_EXPECT_EQ(test, se->rcv_nxt, x + 5);
	KUNIT_EXPECT_EQ(test, ce->snd_una, x + 5);
	/* passive close by the server: LAST_ACK, then CLOSED */
	KUNIT_EXPECT_EQ(test, kernel_sock_shutdown(s, SHUT_WR), 0);
	KUNIT_EXPECT_TRUE(test, conn_wait_state(s->sk, EDUTCP_CLOSED));
	KUNIT_EXPECT_TRUE(test, conn_wait_state(c->sk, EDUTCP_CLOSED));
	KUNIT_EXPECT_EQ(test, conn_tw_count(), tw + 1);
	/* 2*MSL later (injected clock) the record is gone */
	KUNIT_EXPECT_EQ(test, edutcp_tw_reap(&init_net, jiffies + HZ), 0);
	KUNIT_EXPECT_EQ(test, edutcp_tw_reap(&init_net, jiffies + 2 *
			edutcp_pernet(&init_net)->sysctl.msl * HZ + 1), (int)tw + 1);
	KUNIT_EXPECT_EQ(test, conn_tw_count(), 0U);
	sock_release(s);
	sock_release(c);
	sock_release(l);
}

/* RFC 9293 §3.10.7.1: a SYN to a closed port is answered with RST. */
static void conn_refused(struct kunit *test)
{
	struct socket *c = edutcp_kt_socket(test, 0);
	struct sockaddr_edutcp a = edutcp_kt_addr(5999);

	KUNIT_EXPECT_EQ(test, kernel_connect(c, (struct sockaddr *)&a,
					     sizeof(a), 0), -ECONNREFUSED);
	KUNIT_EXPECT_EQ(test, edutcp_sk(c->sk)->state, (u8)EDUTCP_CLOSED);
	sock_release(c);
}

/*
 * MUST-10 (RFC 9293 §3.5 Figure 8): both ends send SYN before either
 * arrives. Each goes SYN_SENT -> SYN_RCVD -> ESTABLISHED.
 */
static void conn_simultaneous_open(struct kunit *test)
{
	struct socket *a = edutcp_kt_socket(test, 5002), *b = edutcp_kt_socket(test, 5003);
	struct sockaddr_edutcp aa = edutcp_kt_addr(5002), ba = edutcp_kt_addr(5003);

	lock_sock(a->sk);
	lock_sock_nested(b->sk, SINGLE_DEPTH_NESTING);
	local_bh_disable();
	KUNIT_EXPECT_EQ(test, edutcp_start_connect(a->sk, &ba), 0);
	KUNIT_EXPECT_EQ(test, edutcp_start_connect(b->sk, &aa), 0);
	local_bh_enable();
	/* both SYNs wait in the backlogs of their owned sockets */
	release_sock(b->sk);
	release_sock(a->sk);
	KUNIT_EXPECT_TRUE(test, conn_wait_state(a->sk, EDUTCP_ESTABLISHED));
	KUNIT_EXPECT_TRUE(test, conn_wait_state(b->sk, EDUTCP_ESTABLISHED));
	KUNIT_EXPECT_EQ(test, edutcp_sk(a->sk)->rcv_nxt, edutcp_sk(b->sk)->iss + 1);
	KUNIT_EXPECT_EQ(test, edutcp_sk(b->sk)->rcv_nxt, edutcp_sk(a->sk)->iss + 1);
	KUNIT_EXPECT_EQ(test, edutcp_sk(a->sk)->snd_una, edutcp_sk(a->sk)->iss + 1);
	sock_release(a);
	sock_release(b);
}

/*
 * RFC 9293 §3.6 Figure 13: both ends close before the other's FIN
 * arrives: FIN_WAIT_1 -> CLOSING -> TIME_WAIT on both sides.
 */
static void conn_simultaneous_close(struct kunit *test)
{
	struct socket *l = edutcp_kt_socket(test, 5004), *c = edutcp_kt_socket(test, 0);
	struct sockaddr_edutcp a = edutcp_kt_addr(5004);
	struct socket *s = NULL;
	unsigned int tw;

	KUNIT_ASSERT_EQ(test, kernel_listen(l, 4), 0);
	KUNIT_ASSERT_EQ(test, kernel_connect(c, (struct sockaddr *)&a,
					     sizeof(a), 0), 0);
	KUNIT_ASSERT_EQ(test, kernel_accept(l, &s, 0), 0);
	KUNIT_ASSERT_TRUE(test, conn_wait_state(s->sk, EDUTCP_ESTABLISHED));
	tw = conn_tw_count();
	/* hold the server so the client's FIN waits in its backlog */
	lock_sock(s->sk);
	KUNIT_EXPECT_EQ(test, kernel_sock_shutdown(c, SHUT_WR), 0);
	KUNIT_EXPECT_EQ(test, edutcp_event(s->sk, EDUTCP_EV_CLOSE, NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, edutcp_sk(s->sk)->state, (u8)EDUTCP_FIN_WAIT_1);
	release_sock(s->sk);
	KUNIT_EXPECT_TRUE(test, conn_wait_state(c->sk, EDUTCP_CLOSED));
	KUNIT_EXPECT_TRUE(test, conn_wait_state(s->sk, EDUTCP_CLOSED));
	/* both went through CLOSING to TIME_WAIT: two records */
	KUNIT_EXPECT_EQ(test, conn_tw_count(), tw + 2);
	edutcp_tw_reap(&init_net, jiffies + 1000 * HZ);
	sock_release(s);
	sock_release(c);
	sock_release(l);
}

/*
 * The interval before SYN+ACK resend @i + 1: RFC 6298 (5.5) doubles it
 * from the 1 s of (2.1), and (2.5) lets an upper bound be placed on it;
 * edutcp's, like Linux's TCP_RTO_MAX, is 120 s.
 */
static unsigned long conn_synack_interval(int i)
{
	static const unsigned int secs[] = { 1, 2, 4, 8, 16, 32, 64 };

	return (i < (int)ARRAY_SIZE(secs) ? secs[i] : 120) * (unsigned long)HZ;
}

/*
 * The SYN queue: while the client cannot answer, the listener resends
 * its SYN+ACK @limit times (synack_retries), each interval the double of
 * the last up to the bound, and drops the entry one interval after the
 * last resend. The clock is injected: each resend must not come at 80%
 * of its interval and must come at 100%.
 */
static void conn_synq_retries_to(struct kunit *test, u16 port, int limit)
{
	struct socket *l = edutcp_kt_socket(test, port), *c = edutcp_kt_socket(test, 0);
	struct sockaddr_edutcp a = edutcp_kt_addr(port);
	int *sysctl = &edutcp_pernet(&init_net)->sysctl.synack_retries;
	int old = *sysctl, i;
	/* the first SYN+ACK leaves within 100 ms of this */
	unsigned long t = jiffies + HZ / 10, iv;
	unsigned long retrans, synretrans;

	WRITE_ONCE(*sysctl, limit);
	KUNIT_ASSERT_EQ(test, kernel_listen(l, 4), 0);
	lock_sock(c->sk);	/* the SYN+ACKs wait in the client's backlog */
	KUNIT_EXPECT_EQ(test, edutcp_start_connect(c->sk, &a), 0);
	msleep(20);
	lock_sock_nested(l->sk, SINGLE_DEPTH_NESTING);
	KUNIT_EXPECT_EQ(test, edutcp_sk(l->sk)->synq_len, 1U);
	retrans = edutcp_read_stat(&init_net, EDUTCP_MIB_RETRANSSEGS);
	synretrans = edutcp_read_stat(&init_net, EDUTCP_MIB_SYNRETRANS);
	for (i = 0; i < limit; i++) {
		iv = conn_synack_interval(i);
		edutcp_synq_tick(l->sk, t + iv * 8 / 10);
		KUNIT_EXPECT_EQ_MSG(test, edutcp_read_stat(&init_net,
							   EDUTCP_MIB_RETRANSSEGS),
				    retrans + i, "resend %d before 80%% of %lu ms",
				    i + 1, iv * 1000 / HZ);
		t += iv;
		edutcp_synq_tick(l->sk, t);
		KUNIT_EXPECT_EQ_MSG(test, edutcp_read_stat(&init_net,
							   EDUTCP_MIB_RETRANSSEGS),
				    retrans + i + 1, "no resend %d after %lu ms",
				    i + 1, iv * 1000 / HZ);
		KUNIT_EXPECT_EQ(test, edutcp_sk(l->sk)->synq_len, 1U);
	}
	KUNIT_EXPECT_EQ(test, edutcp_read_stat(&init_net, EDUTCP_MIB_RETRANSSEGS),
			retrans + limit);
	KUNIT_EXPECT_EQ(test, edutcp_read_stat(&init_net, EDUTCP_MIB_SYNRETRANS),
			synretrans + limit);
	iv = conn_synack_interval(limit);
	edutcp_synq_tick(l->sk, t + iv * 8 / 10);
	KUNIT_EXPECT_EQ(test, edutcp_sk(l->sk)->synq_len, 1U);
	edutcp_synq_tick(l->sk, t + iv);
	KUNIT_EXPECT_EQ(test, edutcp_sk(l->sk)->synq_len, 0U);
	release_sock(l->sk);
	release_sock(c->sk);
	sock_release(c);
	sock_release(l);
	WRITE_ONCE(*sysctl, old);
}

/* the default synack_retries: 1, 2, 4, 8, 16 s, then the entry goes */
static void conn_synq_retries(struct kunit *test)
{
	conn_synq_retries_to(test, 5005, edutcp_pernet(&init_net)->sysctl.synack_retries);
}

/*
 * synack_retries at its maximum, 127: the doubling stops at 120 s, with
 * no shift past the width of the type (UBSAN would report it in the
 * debug kernel) and no interval that wraps to a short one.
 */
static void conn_synq_retries__capped_at_rto_max(struct kunit *test)
{
	conn_synq_retries_to(test, 5007, 127);
}

/*
 * RFC 9293 §3.8.6.1: a reader that does not read closes its window; the
 * sender then probes it on the persist timer (here the test fires the
 * timer: an injected clock), backing off, and a peer that answers keeps
 * the connection. When the reader reads, the rest arrives, every byte.
 */
static void conn_zero_window_probe(struct kunit *test)
{
	struct socket *l = edutcp_kt_socket(test, 5006), *c = edutcp_kt_socket(test, 0);
	struct sockaddr_edutcp a = edutcp_kt_addr(5006);
	static u8 out[65536], in[65536];
	struct kvec v = { .iov_base = out, .iov_len = sizeof(out) };
	struct msghdr m = { .msg_flags = MSG_DONTWAIT };
	unsigned long probes, expires;
	struct edutcp_sock *ce;
	struct socket *s = NULL;
	int i, n, got = 0;

	for (i = 0; i < sizeof(out); i++)
		out[i] = i * 7 + (i >> 8);
	WRITE_ONCE(l->sk->sk_rcvbuf, 4096);	/* the child inherits it */
	KUNIT_ASSERT_EQ(test, kernel_listen(l, 4), 0);
	KUNIT_ASSERT_EQ(test, kernel_connect(c, (struct sockaddr *)&a,
					     sizeof(a), 0), 0);
	KUNIT_ASSERT_EQ(test, kernel_accept(l, &s, 0), 0);
	ce = edutcp_sk(c->sk);
	KUNIT_EXPECT_EQ(test, kernel_sendmsg(c, &m, &v, 1, sizeof(out)),
			(int)sizeof(out));
	for (i = 0; i < 50 && (READ_ONCE(ce->snd_wnd) ||
			       READ_ONCE(ce->snd_una) != READ_ONCE(ce->snd_nxt));
	     i++)
		msleep(20);
	lock_sock(c->sk);
	KUNIT_EXPECT_EQ(test, ce->snd_wnd, 0U);
	KUNIT_EXPECT_EQ(test, ce->snd_una, ce->snd_nxt);
	KUNIT_EXPECT_LT(test, ce->snd_nxt - ce->iss - 1, (u32)sizeof(out));
	KUNIT_EXPECT_TRUE(test, timer_pending(&ce->timer));
	KUNIT_EXPECT_EQ(test, ce->timer_kind, (u8)EDUTCP_TIMER_PERSIST);
	/* the persist timer fires: a probe, and the next one later */
	probes = edutcp_read_stat(&init_net, EDUTCP_MIB_WINPROBE);
	KUNIT_EXPECT_FALSE(test, edutcp_persist_timeout(c->sk));
	KUNIT_EXPECT_EQ(test, ce->probes, 1);
	expires = ce->timer.expires - jiffies;
	KUNIT_EXPECT_FALSE(test, edutcp_persist_timeout(c->sk));
	KUNIT_EXPECT_EQ(test, ce->probes, 2);
	KUNIT_EXPECT_GT(test, ce->timer.expires - jiffies, expires);
	KUNIT_EXPECT_EQ(test, edutcp_read_stat(&init_net, EDUTCP_MIB_WINPROBE),
			probes + 2);
	release_sock(c->sk);	/* the answers, from the backlog */
	KUNIT_EXPECT_EQ(test, READ_ONCE(ce->probes), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(ce->state), (u8)EDUTCP_ESTABLISHED);
	/* the reader reads: window updates, and the rest comes */
	while (got < sizeof(in)) {
		struct kvec r = { .iov_base = in + got,
				  .iov_len = sizeof(in) - got };
		struct msghdr rm = { };

		n = kernel_recvmsg(s, &rm, &r, 1, r.iov_len, 0);
		if (n <= 0)
			break;
		got += n;
	}
	KUNIT_EXPECT_EQ(test, got, (int)sizeof(in));
	KUNIT_EXPECT_EQ(test, memcmp(in, out, sizeof(in)), 0);
	sock_release(s);
	sock_release(c);
	sock_release(l);
}

/* A segment of text for @s's connection, as IPv4 hands it over. */
static struct sk_buff *conn_text_skb(struct sock *s, u32 seq, u32 len)
{
	struct edutcp_sock *es = edutcp_sk(s);
	struct edutcp_hdr *th;
	struct sk_buff *skb;
	struct iphdr *iph;

	skb = alloc_skb(MAX_HEADER + sizeof(*iph) + sizeof(*th) + len,
			GFP_KERNEL);
	if (!skb)
		return NULL;
	skb_reserve(skb, MAX_HEADER);
	skb_reset_network_header(skb);
	iph = skb_put_zero(skb, sizeof(*iph));
	iph->version = 4;
	iph->ihl = 5;
	iph->ttl = 64;
	iph->protocol = edutcp_ipproto;
	iph->tot_len = htons(sizeof(*iph) + sizeof(*th) + len);
	iph->saddr = es->inet.inet_daddr;
	iph->daddr = es->inet.inet_saddr;
	skb_pull(skb, sizeof(*iph));
	skb_reset_transport_header(skb);
	th = skb_put_zero(skb, sizeof(*th));
	th->source = es->inet.inet_dport;
	th->dest = es->inet.inet_sport;
	th->seq = htonl(seq);
	th->ack_seq = htonl(es->snd_nxt);
	th->doff_res = 5 << 4;
	th->flags = EDUTCP_ACK;
	th->window = htons(1000);
	skb_put_zero(skb, len);
	skb->dev = init_net.loopback_dev;
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	return skb;
}

/*
 * While its user holds a socket, what arrives waits in its backlog, up
 * to twice SO_RCVBUF, half SO_SNDBUF and 64 KiB with the receive queues
 * (Linux's bound); past it a segment is dropped and counted
 * (BacklogDrop), however many a flood brings, and what was kept is
 * taken when the user lets go.
 */
static void conn_backlog_bound(struct kunit *test)
{
	struct net *net = &init_net;
	unsigned long drops = edutcp_read_stat(net, EDUTCP_MIB_BACKLOGDROP);
	struct socket *c, *s;
	struct sk_buff *skb;
	u32 seq, i;

	edutcp_kt_connect(test, 5011,
			  &edutcp_pernet(net)->sysctl.timestamps, 0, 0, &c, &s);
	lock_sock(s->sk);
	WRITE_ONCE(s->sk->sk_rcvbuf, SOCK_MIN_RCVBUF);
	WRITE_ONCE(s->sk->sk_sndbuf, SOCK_MIN_SNDBUF);
	seq = edutcp_sk(s->sk)->rcv_nxt;
	for (i = 0; i < 200; i++, seq += 500) {
		skb = conn_text_skb(s->sk, seq, 500);
		KUNIT_ASSERT_NOT_NULL(test, skb);
		local_bh_disable();
		edutcp_v4_replay(net, skb);
		local_bh_enable();
	}
	drops = edutcp_read_stat(net, EDUTCP_MIB_BACKLOGDROP) - drops;
	/* 200 skbs of over 1 KiB each: far past ~75 KiB; some fit */
	KUNIT_EXPECT_GT(test, drops, 100UL);
	KUNIT_EXPECT_LT(test, drops, 200UL);
	release_sock(s->sk);
	KUNIT_EXPECT_EQ(test, READ_ONCE(s->sk->sk_backlog.len), 0);
	sock_release(s);
	sock_release(c);
}

static struct kunit_case edutcp_conn_cases[] = {
	KUNIT_CASE(conn_handshake_and_close),
	KUNIT_CASE(conn_refused),
	KUNIT_CASE(conn_simultaneous_open),
	KUNIT_CASE(conn_simultaneous_close),
	KUNIT_CASE(conn_synq_retries),
	KUNIT_CASE(conn_synq_retries__capped_at_rto_max),
	KUNIT_CASE(conn_zero_window_probe),
	KUNIT_CASE(conn_backlog_bound),
	{}
};

static struct kunit_suite edutcp_conn_suite = {
	.name = "edutcp_conn",
	.init = edutcp_kt_lo_up,
	.test_cases = edutcp_conn_cases,
};

kunit_test_suite(edutcp_conn_suite);
