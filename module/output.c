// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: building segments and handing them to IPv4.
 *
 * Every segment edutcp sends goes through edutcp_send(): header (and the
 * MSS option on a SYN), checksum over the IPv4 pseudo-header with
 * edutcp's protocol number (left to the device on loopback, as TCP's
 * is), IPv4 header, route, ip_local_out(). The
 * other functions here choose what to send: a control segment of a
 * socket, a segment of its send queue, an RST answering a segment that
 * found no connection, a rate-limited challenge ACK.
 */
#include <linux/ip.h>
#include <linux/skbuff.h>
#include <net/checksum.h>
#include <net/ip.h>
#include <net/route.h>

#include "edutcp.h"
#include "compat.h"
#include "trace.h"

/* Room for the IPv4 header, our header and options, and the link's. */
#define EDUTCP_HEADROOM	(MAX_HEADER + sizeof(struct iphdr) + EDUTCP_HDR_LEN + 40)

/**
 * edutcp_alloc_text() - an empty segment, with room for the headers
 *
 * Text is added as page fragments (edutcp_transmit_text()).
 *
 * Return: the skb, or NULL.
 */
struct sk_buff *edutcp_alloc_text(void)
{
	struct sk_buff *skb = alloc_skb(EDUTCP_HEADROOM, GFP_ATOMIC);

	if (skb)
		skb_reserve(skb, EDUTCP_HEADROOM);
	return skb;
}

/* edutcp_mtu_mss() - the MSS a path MTU allows: the MTU less 40 bytes. */
u16 edutcp_mtu_mss(u32 mtu)
{
	return clamp_t(u32, mtu, 68 + 40, 65535) - sizeof(struct iphdr) -
		EDUTCP_HDR_LEN;
}

/**
 * edutcp_route_mss() - the MSS a route allows: its MTU less 40 bytes
 * @net: namespace
 * @saddr: source address (may be INADDR_ANY)
 * @daddr: destination
 *
 * Return: the MSS, EDUTCP_DEFAULT_MSS when there is no route.
 */
u16 edutcp_route_mss(struct net *net, __be32 saddr, __be32 daddr)
{
	struct flowi4 fl4;
	struct rtable *rt;
	u32 mtu;

	rt = ip_route_output_ports(net, &fl4, NULL, daddr, saddr, 0, 0,
				   edutcp_ipproto, 0, 0);
	if (IS_ERR(rt))
		return EDUTCP_DEFAULT_MSS;
	mtu = dst_mtu(&rt->dst);
	ip_rt_put(rt);
	return edutcp_mtu_mss(mtu);
}

/* The segment going out, for edutcp_segment_send and edutcp_send_reset. */
static void edutcp_trace_out(const struct sock *sk, const struct edutcp_hdr *th,
			     __be32 saddr, __be32 daddr, u32 len,
			     const struct edutcp_isns *isns)
{
	struct edutcp_seg seg = {
		.saddr = saddr, .daddr = daddr,
		.sport = th->source, .dport = th->dest,
		.seq = ntohl(th->seq), .ack = ntohl(th->ack_seq),
		.wnd = ntohs(th->window), .flags = th->flags, .len = len,
	};

	trace_edutcp_segment_send(&seg, isns);
	if (seg.flags & EDUTCP_RST)
		trace_edutcp_send_reset(isns ? isns->id : 0, &seg,
					sk ? edutcp_sk(sk)->state :
					EDUTCP_CLOSED);
}

/**
 * edutcp_send() - build one segment and send it
 * @net: namespace
 * @sk: the socket it belongs to, or NULL (an RST for no socket)
 * @saddr: source address
 * @daddr: destination address
 * @sport: source port
 * @dport: destination port
 * @seq: sequence number
 * @ack: acknowledgment number (put in the header only with EDUTCP_ACK)
 * @flags: EDUTCP_* flags
 * @wnd: the window to advertise
 * @mss: the MSS option to add, 0 for none (only on SYNs)
 * @text: an skb from edutcp_alloc_text() holding the text, or NULL;
 *	it is consumed
 * @isns: the ISNs its seq and ack count from, for the tracepoints, or
 *	NULL when they are not known
 *
 * Context: any; allocates with GFP_ATOMIC.
 * Return: 0, or a negative errno (no route, no memory).
 */
int edutcp_send(struct net *net, struct sock *sk, __be32 saddr, __be32 daddr,
		__be16 sport, __be16 dport, u32 seq, u32 ack, u8 flags,
		u16 wnd, u16 mss, struct sk_buff *text,
		const struct edutcp_isns *isns)
{
	unsigned int hlen = EDUTCP_HDR_LEN + (mss ? 4 : 0);
	struct sk_buff *skb = text;
	struct edutcp_hdr *th;
	struct flowi4 fl4;
	struct rtable *rt;
	struct iphdr *iph;
	u8 *opt;

	rt = ip_route_output_ports(net, &fl4, NULL, daddr, saddr, dport, sport,
				   edutcp_ipproto, 0,
				   sk ? sk->sk_bound_dev_if : 0);
	if (IS_ERR(rt)) {
		kfree_skb(text);
		return PTR_ERR(rt);
	}
	if (!skb)
		skb = edutcp_alloc_text();
	if (!skb) {
		ip_rt_put(rt);
		return -ENOBUFS;
	}

	th = skb_push(skb, hlen);
	skb_reset_transport_header(skb);
	th->source = sport;
	th->dest = dport;
	th->seq = htonl(seq);
	th->ack_seq = flags & EDUTCP_ACK ? htonl(ack) : 0;
	th->doff_res = (hlen / 4) << 4;
	th->flags = flags;
	th->window = htons(wnd);
	th->urg_ptr = 0;
	th->check = 0;
	if (mss) {
		opt = (u8 *)(th + 1);
		opt[0] = 2;		/* kind: maximum segment size */
		opt[1] = 4;		/* length */
		put_unaligned_be16(mss, opt + 2);
	}
	if (rt->dst.dev->flags & IFF_LOOPBACK) {
		/*
		 * Never leaves the host: as TCP does on lo, leave the sum to
		 * the "device", which lo skips; the receiver trusts it.
		 */
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct edutcp_hdr, check);
		th->check = ~csum_tcpudp_magic(fl4.saddr, fl4.daddr, skb->len,
					       edutcp_ipproto, 0);
	} else {
		th->check = csum_tcpudp_magic(fl4.saddr, fl4.daddr, skb->len,
					      edutcp_ipproto,
					      skb_checksum(skb, 0, skb->len, 0));
		skb->ip_summed = CHECKSUM_NONE;
	}

	iph = skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = 0;
	iph->tot_len = htons(skb->len);
	iph->frag_off = htons(IP_DF);
	iph->ttl = ip4_dst_hoplimit(&rt->dst);
	iph->protocol = edutcp_ipproto;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	skb->protocol = htons(ETH_P_IP);
	skb_dst_set(skb, &rt->dst);
	ip_select_ident(net, skb, NULL);

	edutcp_trace_out(sk, th, fl4.saddr, fl4.daddr,
			 skb->len - sizeof(*iph) - hlen, isns);
	edutcp_inc_stats(net, EDUTCP_MIB_OUTSEGS);
	if (flags & EDUTCP_RST)
		edutcp_inc_stats(net, EDUTCP_MIB_OUTRSTS);
	return ip_local_out(net, NULL, skb);
}

static int edutcp_sk_send(struct sock *sk, u32 seq, u8 flags,
			  struct sk_buff *text)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);
	u16 wnd = edutcp_select_window(sk);
	struct edutcp_isns isns = {
		.id = es->id, .seq_isn = es->iss, .ack_isn = es->irs,
		.known = EDUTCP_TRACE_SEQ_ISN |
			 (es->synced ? EDUTCP_TRACE_ACK_ISN : 0),
	};
	int err;

	err = edutcp_send(sock_net(sk), sk, inet->inet_saddr,
			  inet->inet_daddr, inet->inet_sport,
			  inet->inet_dport, seq, es->rcv_nxt, flags, wnd,
			  flags & EDUTCP_SYN ? es->mss : 0, text, &isns);
	if (!err && (flags & EDUTCP_ACK))
		edutcp_ack_sent(sk);
	return err;
}

/**
 * edutcp_send_ctl() - send a control segment of a socket: ACK, or RST+ACK
 * @sk: the socket
 * @flags: EDUTCP_ACK, or EDUTCP_RST | EDUTCP_ACK
 *
 * The segment carries SEQ=SND.NXT and ACK=RCV.NXT.
 */
void edutcp_send_ctl(struct sock *sk, u8 flags)
{
	edutcp_sk_send(sk, edutcp_sk(sk)->snd_nxt, flags, NULL);
}

/**
 * edutcp_send_seq() - send a segment without text with a chosen SEQ
 * @sk: the socket
 * @seq: its sequence number (a probe's is SND.UNA - 1)
 * @flags: EDUTCP_* flags
 */
void edutcp_send_seq(struct sock *sk, u32 seq, u8 flags)
{
	edutcp_sk_send(sk, seq, flags, NULL);
}

/**
 * edutcp_transmit_skb() - send (or send again) a SYN or FIN entry of the
 *	send queue
 * @sk: the socket
 * @skb: the entry (EDUTCP_SKB_CB: its seq and flag)
 *
 * Every segment carries ACK once the peer's ISN is known: all but the
 * SYN of an active open.
 *
 * Return: what edutcp_send() returned.
 */
int edutcp_transmit_skb(struct sock *sk, struct sk_buff *skb)
{
	const struct edutcp_skb_cb *cb = EDUTCP_SKB_CB(skb);
	u8 flags = cb->flags;

	if (edutcp_sk(sk)->synced)
		flags |= EDUTCP_ACK;
	return edutcp_sk_send(sk, cb->seq, flags, NULL);
}

/**
 * edutcp_transmit_text() - send text of the send queue
 * @sk: the socket
 * @skb: the send queue entry holding @seq
 * @seq: the first byte to send
 * @len: how many bytes at most; set to how many were sent
 *
 * The segment refers to the pages the text is in (no copy); it may take
 * bytes from several entries, never from a SYN or FIN entry. PSH is set
 * when the segment empties the send queue of text (RFC 9293 §3.9.1.2).
 *
 * Return: what edutcp_send() returned, or -ENOBUFS.
 */
int edutcp_transmit_text(struct sock *sk, struct sk_buff *skb, u32 seq,
			 u32 *len)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *text = edutcp_alloc_text();
	u32 want = *len, got = 0, off, take;
	int i, nr = 0;
	u8 flags = EDUTCP_ACK;

	if (!text)
		return -ENOBUFS;
	for (; got < want && skb->len; skb = skb->next) {
		off = seq + got - EDUTCP_SKB_CB(skb)->seq;
		for (i = 0; i < skb_shinfo(skb)->nr_frags && got < want; i++) {
			const skb_frag_t *f = &skb_shinfo(skb)->frags[i];

			if (off >= skb_frag_size(f)) {
				off -= skb_frag_size(f);
				continue;
			}
			if (nr == MAX_SKB_FRAGS)
				goto full;
			take = min(skb_frag_size(f) - off, want - got);
			get_page(skb_frag_page(f));
			skb_fill_page_desc(text, nr++, skb_frag_page(f),
					   skb_frag_off(f) + off, take);
			got += take;
			off = 0;
		}
		if (skb_queue_is_last(&sk->sk_write_queue, skb))
			break;
	}
full:
	text->len += got;
	text->data_len += got;
	text->truesize += got;
	*len = got;
	if (seq + got == es->write_seq - es->fin_queued)
		flags |= EDUTCP_PSH;
	return edutcp_sk_send(sk, seq, flags, text);
}

/**
 * edutcp_send_reset() - answer a segment that has no connection with RST
 * @net: namespace
 * @seg: the segment
 *
 * RFC 9293 §3.10.7.1: if the segment has ACK, the RST takes its sequence
 * number from it, <SEQ=SEG.ACK><CTL=RST>; otherwise
 * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>. An RST is never answered.
 */
void edutcp_send_reset(struct net *net, const struct edutcp_seg *seg)
{
	if (seg->flags & EDUTCP_RST)
		return;
	if (seg->flags & EDUTCP_ACK)
		edutcp_send(net, NULL, seg->daddr, seg->saddr, seg->dport,
			    seg->sport, seg->ack, 0, EDUTCP_RST, 0, 0, NULL, NULL);
	else
		edutcp_send(net, NULL, seg->daddr, seg->saddr, seg->dport,
			    seg->sport, 0, edutcp_seg_end(seg),
			    EDUTCP_RST | EDUTCP_ACK, 0, 0, NULL, NULL);
}

/**
 * edutcp_challenge_ack() - send a challenge ACK (RFC 5961 §3.2, §4)
 * @sk: the socket
 *
 * At most challenge_ack_limit per second in a namespace (RFC 5961 §7);
 * past that they are not sent.
 */
void edutcp_challenge_ack(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	bool send;

	spin_lock_bh(&en->challenge_lock);
	if (time_after(jiffies, en->challenge_stamp + HZ)) {
		en->challenge_stamp = jiffies;
		en->challenge_count = 0;
	}
	send = en->challenge_count < READ_ONCE(en->sysctl.challenge_ack_limit);
	if (send)
		en->challenge_count++;
	spin_unlock_bh(&en->challenge_lock);
	if (!send)
		return;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_CHALLENGEACK);
	edutcp_send_ctl(sk, EDUTCP_ACK);
}
