// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the receive path, the handler IPv4 calls for every packet of
 * protocol edutcp_ipproto addressed to this host.
 *
 *   1. checks: a packet for this host alone (not a broadcast or
 *      multicast address: RFC 9293 MUST-57), checksum (InCsumErrors),
 *      header length, data offset, ports, flag combinations that cannot
 *      be (SYN+FIN, SYN+RST); a segment that fails one is dropped and
 *      counted (InErrs)
 *   2. lookup: a connection, then a TIME_WAIT record, then a listener
 *   3. the host's policy, as TCP's receive path applies it: IPsec's
 *      inbound policy (xfrm), the socket's filter and security hook
 *      (sk_filter); conntrack's reference dropped before the skb waits
 *      in a queue
 *   4. hand-off: to the socket's receive function, or to its backlog if
 *      a user holds it; with no socket, the CLOSED row of the state table
 *      answers (an RST, RFC 9293 §3.10.7.1)
 *
 * Runs in softirq context.
 */
#include <linux/filter.h>
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <net/icmp.h>
#include <net/ip.h>
#include <net/protocol.h>
#include <net/route.h>
#include <net/sock.h>
#include <net/xfrm.h>

#include "edutcp.h"
#include "trace.h"
#include "compat.h"
#include "seq.h"

/**
 * edutcp_parse() - check and parse the header at skb->data
 * @skb: the packet, its IPv4 header already pulled
 * @seg: filled in
 *
 * Pulling the header into the linear part may move the skb's head (a
 * header in a page fragment, a cloned skb): every pointer into it is
 * taken after the last pull.
 *
 * Return: 0, or -EINVAL for a malformed segment: shorter than a header,
 * data offset under 5 words or past the end, a zero port, SYN with FIN
 * or RST.
 */
int edutcp_parse(struct sk_buff *skb, struct edutcp_seg *seg)
{
	const struct edutcp_hdr *th;
	const struct iphdr *iph;
	unsigned int doff;

	if (!pskb_may_pull(skb, EDUTCP_HDR_LEN))
		return -EINVAL;
	th = (const struct edutcp_hdr *)skb->data;
	doff = (th->doff_res >> 4) * 4;
	if (doff < EDUTCP_HDR_LEN || doff > skb->len || !pskb_may_pull(skb, doff))
		return -EINVAL;
	th = (const struct edutcp_hdr *)skb->data;
	iph = ip_hdr(skb);
	if (!th->source || !th->dest)
		return -EINVAL;
	seg->flags = th->flags & 0x3f;
	if ((seg->flags & EDUTCP_SYN) &&
	    (seg->flags & (EDUTCP_FIN | EDUTCP_RST)))
		return -EINVAL;
	seg->saddr = iph->saddr;
	seg->daddr = iph->daddr;
	seg->sport = th->source;
	seg->dport = th->dest;
	seg->seq = ntohl(th->seq);
	seg->ack = ntohl(th->ack_seq);
	seg->wnd = ntohs(th->window);
	seg->up = seg->flags & EDUTCP_URG ? ntohs(th->urg_ptr) : 0;
	seg->doff = doff;
	seg->len = skb->len - doff;
	seg->reuses_tw = 0;
	seg->reuse_iss = 0;
	edutcp_parse_options((const u8 *)(th + 1), doff - EDUTCP_HDR_LEN,
			     seg->flags & EDUTCP_SYN, &seg->opt);
	return 0;
}

/*
 * The segment coming in, for edutcp_segment_recv and edutcp_receive_reset:
 * its seq counts from the peer's ISN (IRS), its ack from ours (ISS).
 */
static void edutcp_trace_in(const struct sock *sk, const struct edutcp_seg *seg,
			    int state)
{
	const struct edutcp_sock *es = sk ? edutcp_sk(sk) : NULL;
	struct edutcp_isns isns = { };

	if (es) {
		isns.id = es->id;
		isns.seq_isn = es->irs;
		isns.ack_isn = es->iss;
		if (es->synced)
			isns.known |= EDUTCP_TRACE_SEQ_ISN;
		if (es->state != EDUTCP_LISTEN && es->state != EDUTCP_CLOSED)
			isns.known |= EDUTCP_TRACE_ACK_ISN;
		state = es->state;
	}
	if (seg->flags & EDUTCP_SYN) {	/* it carries its sender's ISN */
		isns.seq_isn = seg->seq;
		isns.known |= EDUTCP_TRACE_SEQ_ISN;
	}
	trace_edutcp_segment_recv(seg, &isns);
	if (seg->flags & EDUTCP_RST)
		trace_edutcp_receive_reset(isns.id, seg, state);
}

/*
 * How much the backlog may hold while a user owns the socket, counted
 * with what the receive queues hold (sk_rcvqueues_full): the backlog's
 * count only falls when release_sock() has run all of it, and segments
 * keep coming meanwhile. Linux's TCP allows twice the receive buffer,
 * half the send buffer (ACKs) and 64 KiB; so does edutcp.
 */
static u32 edutcp_backlog_limit(const struct sock *sk)
{
	u64 limit = 2ULL * READ_ONCE(sk->sk_rcvbuf) +
		    READ_ONCE(sk->sk_sndbuf) / 2 + 64 * 1024;

	return min_t(u64, limit, U32_MAX);
}

/*
 * Give a segment to its socket, or to the socket's backlog, once the
 * host's policy for the socket lets it through: IPsec's inbound policy,
 * then the socket's filter (SO_ATTACH_FILTER, and the LSM's
 * sock_rcv_skb), which may trim the text but never the header.
 */
static void edutcp_deliver_sk(struct sock *sk, struct sk_buff *skb,
			      struct edutcp_seg *seg)
{
	if (!xfrm4_policy_check(sk, XFRM_POLICY_IN, skb))
		goto drop;
	nf_reset_ct(skb);
	if (sk_filter_trim_cap(sk, skb, seg->doff))
		goto drop;
	seg->len = skb->len - seg->doff;
	edutcp_trace_in(sk, seg, 0);
	bh_lock_sock_nested(sk);
	if (!sock_owned_by_user(sk)) {
		if (edutcp_sk(sk)->state == EDUTCP_LISTEN)
			edutcp_listen_rcv(sk, skb, seg);
		else
			edutcp_rcv_established(sk, skb, seg);
	} else if (sk_add_backlog(sk, skb, edutcp_backlog_limit(sk))) {
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_BACKLOGDROP);
		kfree_skb(skb);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
	return;
drop:
	kfree_skb(skb);
	sock_put(sk);
}

/* No connection, no record, no listener: RFC 9293 §3.10.7.1. */
static void edutcp_no_socket(struct net *net, const struct edutcp_seg *seg)
{
	enum edutcp_event ev;

	if (seg->flags & EDUTCP_RST)
		ev = EDUTCP_EV_RCV_RST;
	else if (seg->flags & EDUTCP_SYN)
		ev = seg->flags & EDUTCP_ACK ? EDUTCP_EV_RCV_SYN_ACK :
					       EDUTCP_EV_RCV_SYN;
	else if (seg->flags & EDUTCP_ACK)
		ev = EDUTCP_EV_RCV_ACK;
	else
		ev = EDUTCP_EV_RCV_NO_ACK;
	if (edutcp_fsm(EDUTCP_CLOSED, ev)->actions & EDUTCP_A_SEND_RST)
		edutcp_send_reset(net, seg);
}

/* A checked segment to its connection, record, listener or RST. */
static void edutcp_v4_deliver(struct net *net, struct sk_buff *skb,
			      struct edutcp_seg *seg)
{
	struct sock *sk;

	sk = edutcp_lookup_conn(net, seg);
	if (sk) {
		edutcp_deliver_sk(sk, skb, seg);
		return;
	}
	/* what TIME_WAIT or the CLOSED row would answer: policy first */
	if (!xfrm4_policy_check(NULL, XFRM_POLICY_IN, skb))
		goto drop;
	if (edutcp_tw_rcv(net, seg)) {
		edutcp_trace_in(NULL, seg, EDUTCP_TIME_WAIT);
		goto drop;
	}
	sk = edutcp_lookup_listener(net, seg);
	if (sk) {
		edutcp_deliver_sk(sk, skb, seg);
		return;
	}
	edutcp_trace_in(NULL, seg, EDUTCP_CLOSED);
	edutcp_no_socket(net, seg);
drop:
	kfree_skb(skb);
}

static int edutcp_v4_rcv(struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);
	struct net *net = dev_net(skb->dev);
	struct edutcp_seg seg;

	edutcp_inc_stats(net, EDUTCP_MIB_INSEGS);
	if (skb->pkt_type != PACKET_HOST)
		goto drop;
	/* MUST-57: a segment to a broadcast or multicast address is not
	 * for a connection, and gets no answer, not even an RST
	 */
	if (rt && (rt->rt_flags & (RTCF_BROADCAST | RTCF_MULTICAST)))
		goto bad;
	if (skb_checksum_init(skb, edutcp_ipproto, inet_compute_pseudo) ||
	    (!skb_csum_unnecessary(skb) && __skb_checksum_complete(skb))) {
		edutcp_inc_stats(net, EDUTCP_MIB_INCSUMERRORS);
		goto bad;
	}
	if (edutcp_parse(skb, &seg))
		goto bad;
	/* a lesson rule may play the network: lose it, hold it, double it */
	if (edutcp_lesson_take(net, EDUTCP_LESSON_IN, skb, &seg))
		return 0;
	edutcp_v4_deliver(net, skb, &seg);
	return 0;
bad:
	edutcp_inc_stats(net, EDUTCP_MIB_INERRS);
drop:
	kfree_skb(skb);
	return 0;
}

/**
 * edutcp_v4_replay() - a segment a lesson rule held, now due
 * @net: the namespace it arrived in
 * @skb: the segment, checked when it arrived
 */
void edutcp_v4_replay(struct net *net, struct sk_buff *skb)
{
	struct edutcp_seg seg;

	if (edutcp_parse(skb, &seg)) {
		kfree_skb(skb);
		return;
	}
	edutcp_v4_deliver(net, skb, &seg);
}

/*
 * RFC 1191: "fragmentation needed" for a segment in flight (RFC 5927: a
 * sequence number between SND.UNA and SND.NXT) of a synchronized
 * connection. The route to the peer learns the MTU, for ten minutes, so
 * that new connections start with it (RFC 1191 §6.3), and the
 * connection's MSS drops to it (edutcp_mtu_reduced()).
 */
static int edutcp_v4_frag_needed(struct sk_buff *skb,
				 const struct edutcp_seg *key, u32 seq, u32 mtu)
{
	struct net *net = dev_net(skb->dev);
	struct sock *sk = edutcp_lookup_conn(net, key);
	struct edutcp_sock *es;
	struct edutcp_view v;

	if (!sk)
		return -ENOENT;
	es = edutcp_sk(sk);
	bh_lock_sock(sk);
	v = edutcp_sock_view(es);
	if (edutcp_synchronized(es->state) && edutcp_icmp_acceptable(&v, seq)) {
		mtu = max_t(u32, mtu, EDUTCP_MIN_PMTU);
		ipv4_update_pmtu(skb, net, mtu, sk->sk_bound_dev_if,
				 edutcp_ipproto);
		WRITE_ONCE(es->pmtu_mss, edutcp_pmtu_mss(net, mtu));
		if (!sock_owned_by_user(sk))
			edutcp_mtu_reduced(sk);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
	return 0;
}

/**
 * edutcp_v4_err() - an ICMP error quoting one of our segments
 * @skb: the ICMP message; skb->data is at the quoted IPv4 header, and at
 *	least 8 bytes of the quoted edutcp header follow it (ports, seq)
 * @info: the ICMP's extra value (the MTU of "fragmentation needed")
 *
 * Validated as RFC 5927 asks: the connection must exist and the quoted
 * sequence number must be one sent and not yet acknowledged.
 * "Fragmentation needed" lowers the MSS (RFC 1191); for the rest, the errno
 * is Linux's for the same ICMP (icmp_err_convert); the state table
 * decides what it does (fatal in SYN_SENT and SYN_RCVD, else kept as a
 * soft error that a timeout reports).
 *
 * Return: 0, or -ENOENT when no connection matches.
 */
static int edutcp_v4_err(struct sk_buff *skb, u32 info)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	const struct edutcp_hdr *th = (const void *)(skb->data + iph->ihl * 4);
	struct edutcp_seg key = {
		.saddr = iph->daddr, .daddr = iph->saddr,
		.sport = th->dest, .dport = th->source,
	};
	int type = icmp_hdr(skb)->type, code = icmp_hdr(skb)->code, err;
	struct edutcp_sock *es;
	struct edutcp_view v;
	struct sock *sk;
	u32 seq;

	switch (type) {
	case ICMP_DEST_UNREACH:
		if (code == ICMP_FRAG_NEEDED)
			return edutcp_v4_frag_needed(skb, &key, ntohl(th->seq),
						     info);
		if (code > NR_ICMP_UNREACH)
			return 0;
		err = icmp_err_convert[code].errno;
		break;
	case ICMP_TIME_EXCEEDED:
		err = EHOSTUNREACH;
		break;
	case ICMP_PARAMETERPROB:
		err = EPROTO;
		break;
	default:
		return 0;
	}
	sk = edutcp_lookup_conn(dev_net(skb->dev), &key);
	if (!sk)
		return -ENOENT;
	es = edutcp_sk(sk);
	seq = ntohl(th->seq);
	bh_lock_sock(sk);
	v = edutcp_sock_view(es);
	if (edutcp_icmp_acceptable(&v, seq)) {
		WRITE_ONCE(sk->sk_err_soft, err);
		if (!sock_owned_by_user(sk))
			edutcp_event(sk, EDUTCP_EV_RCV_ICMP_UNREACH, NULL, NULL);
	}
	bh_unlock_sock(sk);
	sock_put(sk);
	return 0;
}

const struct net_protocol edutcp_net_protocol = {
	.handler	= edutcp_v4_rcv,
	.err_handler	= edutcp_v4_err,
	.no_policy	= 1,
};
