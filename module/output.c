// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: building segments and handing them to IPv4.
 *
 * Every segment edutcp sends goes through edutcp_send(): header (and a
 * SYN's options, options.c), checksum over the IPv4 pseudo-header with
 * edutcp's protocol number (left to the device on loopback, as TCP's
 * is), IPv4 header, route (a socket's kept in sk_dst_cache),
 * ip_local_out(). The other functions here choose what to send: a
 * control segment of a socket, a segment of its send queue, an RST
 * answering a segment that found no connection, rate-limited replies to
 * unacceptable segments and challenge ACKs.
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
 * edutcp_peer_mss() - the largest segment a peer's SYN lets us send
 * @net: the namespace, for its min_snd_mss
 * @opt: the SYN's MSS option, 0 when it had none
 *
 * Without the option, 536 (RFC 9293 SHLD-5). An option below
 * min_snd_mss (48 unless set, as Linux's tcp_min_snd_mss) is raised to
 * it: a peer announcing MSS 1 would otherwise make us send one segment,
 * 40 bytes of headers, per byte of text (CVE-2019-11479's class).
 * The one place the peer's MSS is taken, for active and passive opens.
 *
 * Return: the MSS the peer allows.
 */
u16 edutcp_peer_mss(struct net *net, u16 opt)
{
	if (!opt)
		return EDUTCP_DEFAULT_MSS;
	return max_t(u16, opt, READ_ONCE(edutcp_pernet(net)->sysctl.min_snd_mss));
}

/**
 * edutcp_user_mss() - an MSS under the bound the socket's user set
 * @sk: the socket (a listener for its SYN queue's connections)
 * @mss: the MSS the route and the peer allow
 *
 * EDUTCP_MAXSEG (TCP_MAXSEG), set before connect or listen: what the SYN
 * or SYN+ACK announces and the connection sends.
 *
 * Return: the smaller of @mss and the bound, @mss when none is set.
 */
u16 edutcp_user_mss(const struct sock *sk, u16 mss)
{
	u16 user = edutcp_sk(sk)->user_mss;

	return user ? min(mss, user) : mss;
}

/**
 * edutcp_pmtu_mss() - the MSS for a path MTU an ICMP message reported
 * @net: the namespace, for its min_snd_mss
 * @mtu: the MTU "fragmentation needed" gave (RFC 1191 §4)
 *
 * An MTU below 552 is taken as 552, as Linux's min_pmtu takes it, and
 * the MSS is at least min_snd_mss: a forged ICMP cannot make a segment
 * per byte (CVE-2019-11479's class again).
 *
 * Return: the MSS.
 */
u16 edutcp_pmtu_mss(struct net *net, u32 mtu)
{
	return max_t(u16, edutcp_mtu_mss(max_t(u32, mtu, EDUTCP_MIN_PMTU)),
		     READ_ONCE(edutcp_pernet(net)->sysctl.min_snd_mss));
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

/* A segment going out, as a parsed one looks. */
static struct edutcp_seg edutcp_out_seg(const struct edutcp_hdr *th,
					__be32 saddr, __be32 daddr, u32 len)
{
	return (struct edutcp_seg){
		.saddr = saddr, .daddr = daddr,
		.sport = th->source, .dport = th->dest,
		.seq = ntohl(th->seq), .ack = ntohl(th->ack_seq),
		.wnd = ntohs(th->window), .flags = th->flags, .len = len,
	};
}

/* The segment going out, for edutcp_segment_send and edutcp_send_reset. */
static void edutcp_trace_out(const struct sock *sk, const struct edutcp_hdr *th,
			     __be32 saddr, __be32 daddr, u32 len,
			     const struct edutcp_isns *isns)
{
	struct edutcp_seg seg = edutcp_out_seg(th, saddr, daddr, len);

	trace_edutcp_segment_send(&seg, isns);
	if (seg.flags & EDUTCP_RST)
		trace_edutcp_send_reset(isns ? isns->id : 0, &seg,
					sk ? edutcp_sk(sk)->state :
					EDUTCP_CLOSED);
}

/*
 * The route of a segment. A socket's is looked up once and kept in
 * sk_dst_cache, as TCP keeps it: sk_dst_check() gives it back while it
 * holds (a route or address change, or a new path MTU from
 * ipv4_update_pmtu(), makes it obsolete, and it is looked up again).
 * Segments without a socket (an RST for no connection, a SYN queue
 * entry's, a TIME_WAIT record's) look theirs up each time.
 */
static struct rtable *edutcp_route(struct net *net, struct sock *sk,
				   struct flowi4 *fl4, __be32 saddr,
				   __be32 daddr, __be16 sport, __be16 dport)
{
	struct dst_entry *dst = sk ? sk_dst_check(sk, 0) : NULL;
	struct rtable *rt;

	if (dst) {
		fl4->saddr = saddr;
		fl4->daddr = daddr;
		return container_of(dst, struct rtable, dst);
	}
	rt = ip_route_output_ports(net, fl4, NULL, daddr, saddr, dport, sport,
				   edutcp_ipproto, 0,
				   sk ? sk->sk_bound_dev_if : 0);
	if (sk && !IS_ERR(rt)) {
		sk_dst_set(sk, dst_clone(&rt->dst));
		edutcp_gso_route(sk, rt->dst.dev);
	}
	return rt;
}

/* IP_TTL's, else the route's (the namespace's ip_default_ttl) */
static u8 edutcp_ttl(const struct sock *sk, const struct dst_entry *dst)
{
	int ttl = sk ? READ_ONCE(inet_sk(sk)->uc_ttl) : -1;

	return ttl < 0 ? ip4_dst_hoplimit(dst) : ttl;
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
 * @opts: the options to add (options.c), or NULL
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
		u16 wnd, const struct edutcp_opts *opts, struct sk_buff *text,
		const struct edutcp_isns *isns)
{
	unsigned int hlen = EDUTCP_HDR_LEN + edutcp_options_len(opts);
	struct sk_buff *skb = text;
	struct edutcp_hdr *th;
	struct flowi4 fl4;
	struct rtable *rt;
	u16 up, segs;
	struct iphdr *iph;

	rt = edutcp_route(net, sk, &fl4, saddr, daddr, sport, dport);
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
	if ((flags & EDUTCP_URG) && sk && edutcp_urg_ptr(edutcp_sk(sk), seq, &up))
		th->urg_ptr = htons(up);
	th->check = 0;
	edutcp_write_options((u8 *)(th + 1), opts);
	segs = 1;
	if (sk && skb->len - hlen > edutcp_sk(sk)->mss) {
		/* more than one segment's text: a super-segment (gso.c) */
		edutcp_gso_mark(skb, edutcp_sk(sk)->mss, hlen);
		segs = skb_shinfo(skb)->gso_segs;
	}
	if (segs > 1 || (rt->dst.dev->flags & IFF_LOOPBACK)) {
		/*
		 * Never leaves the host: as TCP does on lo, leave the sum to
		 * the "device", which lo skips; the receiver trusts it. A
		 * super-segment's pieces are summed where it is cut (gso.c).
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
	iph->tos = sk ? READ_ONCE(inet_sk(sk)->tos) : 0;
	iph->tot_len = htons(skb->len);
	/* DF as IP_MTU_DISCOVER says (RFC 1191: "want" unless set) */
	iph->frag_off = !sk || ip_dont_fragment(sk, &rt->dst) ? htons(IP_DF) : 0;
	iph->ttl = edutcp_ttl(sk, &rt->dst);
	iph->protocol = edutcp_ipproto;
	iph->saddr = fl4.saddr;
	iph->daddr = fl4.daddr;
	skb->protocol = htons(ETH_P_IP);
	if (sk) {
		skb->priority = READ_ONCE(sk->sk_priority);
		skb->mark = READ_ONCE(sk->sk_mark);
	}
	skb_dst_set(skb, &rt->dst);
	ip_select_ident(net, skb, NULL);

	edutcp_trace_out(sk, th, fl4.saddr, fl4.daddr,
			 skb->len - sizeof(*iph) - hlen, isns);
	edutcp_add_stats(net, EDUTCP_MIB_OUTSEGS, segs);
	if (flags & EDUTCP_RST)
		edutcp_inc_stats(net, EDUTCP_MIB_OUTRSTS);
	/* a lesson rule may play the network: lose it, hold it, double it */
	if (unlikely(READ_ONCE(edutcp_pernet(net)->lesson_nr))) {
		struct edutcp_seg seg = edutcp_out_seg(th, fl4.saddr, fl4.daddr,
						       skb->len - sizeof(*iph) -
						       hlen);

		if (edutcp_lesson_take(net, EDUTCP_LESSON_OUT, skb, &seg))
			return 0;
	}
	return ip_local_out(net, NULL, skb);
}

static int edutcp_sk_send(struct sock *sk, u32 seq, u8 flags,
			  struct sk_buff *text)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	const struct inet_sock *inet = inet_sk(sk);
	u16 wnd = edutcp_select_window(sk, flags & EDUTCP_SYN), up;
	struct edutcp_opts opts = { };
	struct edutcp_isns isns = {
		.id = es->id, .seq_isn = es->iss, .ack_isn = es->irs,
		.known = EDUTCP_TRACE_SEQ_ISN |
			 (es->synced ? EDUTCP_TRACE_ACK_ISN : 0),
	};
	int err;

	/* before SND.UP: URG, the pointer filled in by edutcp_send() */
	if (!(flags & EDUTCP_RST) && edutcp_urg_ptr(es, seq, &up))
		flags |= EDUTCP_URG;
	if (flags & EDUTCP_SYN) {
		opts.has = EDUTCP_OPT_MSS;
		opts.mss = es->mss;
		if (es->wscale_ok) {	/* offered, or (SYN+ACK) agreed */
			opts.has |= EDUTCP_OPT_WSCALE;
			opts.wscale = es->rcv_wscale;
		}
		if (es->sack_ok)	/* the same (RFC 2018 §2) */
			opts.has |= EDUTCP_OPT_SACK_PERM;
	}
	edutcp_ts_fill(es, &opts);	/* RFC 7323 §3.2: on every segment */
	if ((flags & (EDUTCP_ACK | EDUTCP_SYN | EDUTCP_RST)) == EDUTCP_ACK)
		edutcp_sack_fill(sk, &opts, text ? text->len : 0);
	err = edutcp_send(sock_net(sk), sk, inet->inet_saddr,
			  inet->inet_daddr, inet->inet_sport,
			  inet->inet_dport, seq, es->rcv_nxt, flags, wnd,
			  &opts, text, &isns);
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
 * when the segment carries the last byte of a write (an entry marked
 * PSH by sendmsg, RFC 9293 §3.9.1.2), as TCP sets it.
 *
 * Return: what edutcp_send() returned, or -ENOBUFS.
 */
int edutcp_transmit_text(struct sock *sk, struct sk_buff *skb, u32 seq,
			 u32 *len)
{
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
		if (seq + got == EDUTCP_SKB_CB(skb)->end_seq &&
		    (EDUTCP_SKB_CB(skb)->flags & EDUTCP_PSH))
			flags |= EDUTCP_PSH;
		if (skb_queue_is_last(&sk->sk_write_queue, skb))
			break;
	}
full:
	text->len += got;
	text->data_len += got;
	text->truesize += got;
	*len = got;
	/* text sent soon after text came is an answer (ping-pong, ato.c) */
	edutcp_ato_data_sent(&edutcp_sk(sk)->ato, jiffies);
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
			    seg->sport, seg->ack, 0, EDUTCP_RST, 0, NULL, NULL,
			    NULL);
	else
		edutcp_send(net, NULL, seg->daddr, seg->saddr, seg->dport,
			    seg->sport, 0, edutcp_seg_end(seg),
			    EDUTCP_RST | EDUTCP_ACK, 0, NULL, NULL, NULL);
}

/**
 * edutcp_oow_allowed() - may a reply to an unacceptable segment go now?
 * @net: the namespace (its invalid_ratelimit and counters)
 * @stamp: the connection's time of its last such reply, in jiffies, 0
 *	for none yet: a socket's, a SYN queue entry's or a TIME_WAIT
 *	record's, written under the lock that guards it
 * @seg: the segment answered, or NULL for a challenge ACK
 * @mib: the counter of a reply not sent (ACKSkippedSeq, ...)
 *
 * A segment out of the window and an unacceptable ACK each get an ACK
 * (RFC 9293 §3.10.7.4), and RFC 5961's checks a challenge ACK, but at
 * most one per invalid_ratelimit milliseconds per connection (RFC 5961
 * §7; Linux's tcp_oow_rate_limited, 500 ms by default): else two
 * endpoints that lost sync ACK each other for ever, and a spoofer gets
 * a reflector. A segment with text and no SYN is answered every time:
 * it is no part of such a loop, and its sender needs the ACK.
 *
 * Return: true to send the reply (@stamp is then now); false, counted
 * in @mib, to let it go.
 */
bool edutcp_oow_allowed(struct net *net, u32 *stamp,
			const struct edutcp_seg *seg, int mib)
{
	u32 limit = READ_ONCE(edutcp_pernet(net)->sysctl.invalid_ratelimit);
	u32 now = (u32)jiffies;
	s32 elapsed = now - *stamp;

	if (seg && seg->len && !(seg->flags & EDUTCP_SYN))
		return true;
	if (*stamp && elapsed >= 0 && elapsed < msecs_to_jiffies(limit)) {
		edutcp_inc_stats(net, mib);
		return false;
	}
	*stamp = now ?: 1;
	return true;
}

/**
 * edutcp_challenge_allowed() - may a challenge ACK go now?
 * @net: the namespace
 * @stamp: as for edutcp_oow_allowed()
 *
 * RFC 5961 §7: first the connection's own limit (edutcp_oow_allowed(),
 * ACKSkippedChallenge), then the namespace's budget for the second,
 * challenge_ack_limit on average but drawn anew each second at random
 * between half of it and one and a half times it, as Linux draws it: an
 * off-path attacker that counts the challenge ACKs on a connection of
 * its own can then not tell whether its spoofed segments drew some from
 * the budget (CVE-2016-5696).
 *
 * Return: true to send it (counted in ChallengeACK).
 */
bool edutcp_challenge_allowed(struct net *net, u32 *stamp)
{
	struct edutcp_net *en = edutcp_pernet(net);
	unsigned long second = jiffies / HZ;
	u32 limit;
	bool send;

	if (!edutcp_oow_allowed(net, stamp, NULL, EDUTCP_MIB_ACKSKIPPEDCHALLENGE))
		return false;
	spin_lock_bh(&en->challenge_lock);
	if (en->challenge_stamp != second) {
		limit = READ_ONCE(en->sysctl.challenge_ack_limit);
		en->challenge_stamp = second;
		en->challenge_count = (limit + 1) / 2 + get_random_u32_below(limit);
	}
	send = en->challenge_count > 0;
	if (send)
		en->challenge_count--;
	spin_unlock_bh(&en->challenge_lock);
	if (send)
		edutcp_inc_stats(net, EDUTCP_MIB_CHALLENGEACK);
	return send;
}

/**
 * edutcp_reply_ack() - do a cell's actions call for an ACK, now?
 * @net: the namespace
 * @actions: the actions of the state table's cell
 * @stamp: the connection's, as for edutcp_oow_allowed()
 * @seg: the segment answered
 * @oow_mib: the counter of a reply to an unacceptable segment not sent
 *	(ACKSkippedSeq, ACKSkippedSynRecv, ACKSkippedTimeWait)
 *
 * The three ACK replies of the table mean the same wherever they are
 * carried out (a socket, a SYN queue entry, a TIME_WAIT record): SEND_ACK
 * always goes, OOW_ACK as edutcp_oow_allowed() lets it, CHALLENGE_ACK as
 * edutcp_challenge_allowed() does. DELAYED_ACK is a socket's own
 * (edutcp_ack_data()) and not counted here.
 *
 * Return: true if the caller sends one ACK.
 */
bool edutcp_reply_ack(struct net *net, u32 actions, u32 *stamp,
		      const struct edutcp_seg *seg, int oow_mib)
{
	if (actions & EDUTCP_A_SEND_ACK)
		return true;
	if (actions & EDUTCP_A_OOW_ACK)
		return edutcp_oow_allowed(net, stamp, seg, oow_mib);
	if (actions & EDUTCP_A_CHALLENGE_ACK)
		return edutcp_challenge_allowed(net, stamp);
	return false;
}
