// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the receiving half of a connection: taking text in, keeping
 * what arrives early, choosing the window, and when to acknowledge.
 *
 *   edutcp_data_rcv()       text in the window (RFC 9293 §3.10.7.4
 *                           seventh): next in sequence to the reader,
 *                           early to the out-of-order queue (ofo.c),
 *                           old or beyond the buffer dropped and counted
 *                           (what waits out of order after it freed
 *                           first: OfoPruned)
 *   edutcp_ack_data()       acknowledge now or later: at least every
 *                           second full-sized segment (RFC 5681 §4.2,
 *                           RFC 9293 MUST-58), at once for anything out of
 *                           order or filling a gap and in quick-ACK mode,
 *                           else after the delay ato.c chooses
 *   edutcp_select_window()  the window each segment offers (window.c),
 *                           scaled by our shift (RFC 7323 §2)
 *   edutcp_window_update()  after a read: the ACK owed for the end of a
 *                           write, or the window if it opened enough to be
 *                           worth a segment
 *
 * The receive queue and the out-of-order queue are charged to the
 * receive buffer (skb_set_owner_r); nothing is queued past SO_RCVBUF, so
 * a peer cannot make the kernel hold more. The caller holds the socket.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"

/* The largest window a socket's shift lets a header say, in bytes. */
static u32 edutcp_wnd_limit(const struct edutcp_sock *es)
{
	return (u32)EDUTCP_MAX_WINDOW << es->rcv_wscale;
}

/*
 * Bytes of text the receive buffer can still take, and its whole size
 * (RCV.BUFF), both as a window can say them.
 */
static u32 edutcp_rcv_space(const struct sock *sk, u32 *buf)
{
	u32 limit = edutcp_wnd_limit(edutcp_sk(sk));
	int rcvbuf = READ_ONCE(sk->sk_rcvbuf);
	int space = rcvbuf - atomic_read(&sk->sk_rmem_alloc);

	/* half the memory is for text, the rest for the skbs that hold it */
	*buf = min_t(u32, rcvbuf / 2, limit);
	return space > 0 ? min_t(u32, space / 2, limit) : 0;
}

/**
 * edutcp_rcv_max() - the largest window a socket may come to offer
 * @sk: the socket
 *
 * Half the receive buffer, as edutcp_rcv_space() counts, at the largest
 * the buffer may grow to: net.edutcp.rmem's maximum (autotuning), or
 * SO_RCVBUF's value once the user has set it.
 *
 * Return: bytes.
 */
u32 edutcp_rcv_max(const struct sock *sk)
{
	int buf = READ_ONCE(sk->sk_rcvbuf);

	if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK))
		buf = max(buf, READ_ONCE(edutcp_sysctls(sk)->rmem[2]));
	return buf / 2;
}

/**
 * edutcp_wscale_offer() - what our SYN offers: window scaling or not
 * @sk: the socket, about to send a SYN (connect())
 *
 * With net.edutcp.window_scaling, the option goes with the shift that
 * the largest window edutcp_rcv_max() allows needs (RFC 7323 §2.3);
 * without, no option and no shift, the windows of RFC 9293 alone.
 */
void edutcp_wscale_offer(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	es->wscale_ok = !!READ_ONCE(edutcp_sysctls(sk)->window_scaling);
	es->snd_wscale = 0;
	es->rcv_wscale = es->wscale_ok ? edutcp_wscale_for(edutcp_rcv_max(sk)) : 0;
}

/**
 * edutcp_select_window() - the window to offer in a segment being sent
 * @sk: the socket
 * @syn: the segment carries SYN: its window is not scaled (RFC 7323
 *	§2.2), so it offers at most 65535
 *
 * Records the right edge it offers: later windows never end before it.
 * Before the peer's ISN is known (our SYN) there is no RCV.NXT to count
 * from; the window is kept in rcv_edge until edutcp_event() learns it.
 * A scaled window says multiples of 2^shift: a new edge is rounded down
 * to one, the edge already offered up (RFC 7323 §2.4: the window never
 * shrinks for the rounding).
 *
 * Return: SEG.WND, the value for the header.
 */
u16 edutcp_select_window(struct sock *sk, bool syn)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 buf, space = edutcp_rcv_space(sk, &buf), wnd, cur;
	u8 shift = syn ? 0 : es->rcv_wscale;

	if (!es->synced) {
		es->rcv_edge = min_t(u32, space, EDUTCP_MAX_WINDOW);
		return es->rcv_edge;
	}
	wnd = edutcp_rcv_window(es->rcv_nxt, es->rcv_edge, space, es->mss, buf);
	cur = edutcp_rcv_wnd_offered(es);
	if (syn)
		wnd = max(min_t(u32, wnd, EDUTCP_MAX_WINDOW), cur);
	wnd = max(wnd >> shift, DIV_ROUND_UP(cur, 1U << shift));
	es->rcv_edge = es->rcv_nxt + (wnd << shift);
	return wnd;
}

/**
 * edutcp_ato_bounds() - the bounds of the delayed-ACK delay, jiffies
 * @sk: the socket
 * @lim: set to delack_ms, and to Linux's 200 ms (or delack_ms if longer)
 */
void edutcp_ato_bounds(const struct sock *sk, struct edutcp_ato_limits *lim)
{
	int ms = READ_ONCE(edutcp_sysctls(sk)->delack_ms);

	lim->min = max(msecs_to_jiffies(ms), 1UL);
	lim->max = max_t(u32, lim->min, EDUTCP_DELACK_MAX);
}

/**
 * edutcp_rcv_wnd_offered() - RCV.WND as last offered
 * @es: the socket
 *
 * Return: from RCV.NXT to the edge last offered, once synchronized; 0
 * before, or when the edge is not ahead.
 */
u32 edutcp_rcv_wnd_offered(const struct edutcp_sock *es)
{
	if (es->synced && seqno_gt(es->rcv_edge, es->rcv_nxt))
		return es->rcv_edge - es->rcv_nxt;
	return 0;
}

/* Queue in-order text for the reader; a FIN at its end is now due. */
static void edutcp_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_skb_cb *cb = EDUTCP_SKB_CB(skb);

	if (cb->flags & EDUTCP_FIN)
		es->fin_pending = 1;
	es->bytes_received += cb->end_seq - es->rcv_nxt;
	es->rcv_nxt = cb->end_seq;
	if (skb->len) {
		__skb_queue_tail(&sk->sk_receive_queue, skb);
		edutcp_rcv_rtt_measure(sk);
	} else {
		kfree_skb(skb);
	}
}

/*
 * The out-of-order queue gave up its last segments: SACK blocks no
 * longer claim them (RFC 2018 §8 lets a receiver drop, never lie).
 */
static void edutcp_ofo_pruned(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *tail = skb_peek_tail(&es->ofo);

	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_OFOPRUNED);
	edutcp_sack_rcv_clamp(&es->sack_rcv,
			      tail ? EDUTCP_SKB_CB(tail)->end_seq : es->rcv_nxt);
}

/*
 * The protocol's memory for @skb (net.edutcp.mem, mem.c). Past the hard
 * limit, the out-of-order queue after @seq gives way first, as it does
 * to a full receive buffer: else a queue that holds this socket's
 * minimum would keep out the segment that fills its gap.
 */
static bool edutcp_rmem_schedule(struct sock *sk, struct sk_buff *skb, u32 seq)
{
	if (sk_rmem_schedule(sk, skb, skb->truesize))
		return true;
	if (edutcp_ofo_prune(sk, &edutcp_sk(sk)->ofo, seq,
			     READ_ONCE(sk->sk_rcvbuf)))
		edutcp_ofo_pruned(sk);
	return sk_rmem_schedule(sk, skb, skb->truesize);
}

/**
 * edutcp_data_rcv() - text (or an early FIN) that passed the window test
 * @sk: the socket
 * @skbp: the segment; set to NULL when its skb is kept
 * @seg: the segment, parsed
 *
 * The text is cut to the window's right edge. What is next in sequence
 * goes to the reader, followed by whatever it lets out of the
 * out-of-order queue; what is early waits in that queue; what is old is
 * counted (DupData). Early text, and text that fills a gap, is
 * acknowledged at once (RFC 5681 §4.2, so the sender counts duplicate
 * ACKs and learns of the repair). The next text in sequence is taken
 * when the reader has all before it (the receive queue empty) whatever
 * SO_RCVBUF's accounting says, as Linux's tcp_data_queue() takes it:
 * else a segment whose buffers outweigh a small receive buffer would be
 * dropped each time it came again, and the connection would stall.
 */
void edutcp_data_rcv(struct sock *sk, struct sk_buff **skbp,
		     const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct net *net = sock_net(sk);
	struct sk_buff *skb = *skbp;
	u32 seq = seg->seq, end = seg->seq + seg->len;
	bool gap = !skb_queue_empty(&es->ofo), first;
	struct edutcp_ato_limits lim;
	struct edutcp_skb_cb *cb;
	u8 fin = seg->flags & EDUTCP_FIN;
	bool small;
	int err;

	if (seqno_gt(end, es->rcv_edge) && seqno_gt(es->rcv_edge, seq)) {
		end = es->rcv_edge;	/* beyond the window: not kept */
		fin = 0;
	}
	edutcp_ato_bounds(sk, &lim);
	edutcp_sack_dup_seg(es, seg);	/* text before RCV.NXT: a D-SACK */
	if (seqno_le(end, es->rcv_nxt) && !(fin && end == es->rcv_nxt)) {
		edutcp_inc_stats(net, EDUTCP_MIB_DUPDATA);
		/* the sender waits for this ACK: not an interactive exchange */
		edutcp_ato_enter_quick(&es->ato, edutcp_rcv_wnd_offered(es),
				       es->rcv_mss, &lim);
		goto ack_now;
	}
	/* room for it first from what waits out of order after it */
	if (skb && edutcp_ofo_prune(sk, &es->ofo, seq, skb->truesize))
		edutcp_ofo_pruned(sk);
	first = seqno_le(seq, es->rcv_nxt) &&
		skb_queue_empty(&sk->sk_receive_queue);
	if (!skb || (!first && atomic_read(&sk->sk_rmem_alloc) + skb->truesize >
		     READ_ONCE(sk->sk_rcvbuf)) ||
	    !edutcp_rmem_schedule(sk, skb, seq)) {
		edutcp_inc_stats(net, EDUTCP_MIB_RCVDROP);
		goto ack_now;	/* not acknowledged: the peer sends it again */
	}
	__skb_pull(skb, seg->doff);
	if (end != seg->seq + seg->len && pskb_trim(skb, end - seq))
		goto ack_now;
	small = end - seq < es->rcv_mss;
	es->rcv_mss = min_t(u32, max(es->rcv_mss, end - seq), es->mss);
	*skbp = NULL;
	skb_dst_drop(skb);
	skb_set_owner_r(skb, sk);
	cb = EDUTCP_SKB_CB(skb);
	cb->seq = seq;
	cb->end_seq = end;
	cb->flags = fin;

	if (seqno_gt(seq, es->rcv_nxt)) {
		err = edutcp_ofo_insert(&es->ofo, skb);
		edutcp_inc_stats(net, !err ? EDUTCP_MIB_OFOQUEUE :
				 err == -EEXIST ? EDUTCP_MIB_DUPDATA :
				 EDUTCP_MIB_RCVDROP);
		if (err)
			kfree_skb(skb);
		if (!err && es->sack_ok)	/* RFC 2018 §4: the first block */
			edutcp_sack_rcv_add(&es->sack_rcv, seq, end);
		else if (err == -EEXIST && es->sack_ok)
			edutcp_sack_rcv_dup(&es->sack_rcv, seq, end);
		goto ack_now;
	}
	edutcp_ato_rcv(&es->ato, jiffies, small, edutcp_rcv_wnd_offered(es), es->rcv_mss,
		       es->rto, &lim);
	edutcp_queue_rcv(sk, skb);
	while ((skb = edutcp_ofo_pull(&es->ofo, es->rcv_nxt)))
		edutcp_queue_rcv(sk, skb);
	if (gap)
		edutcp_sack_rcv_advance(&es->sack_rcv, es->rcv_nxt);
	sk->sk_data_ready(sk);
	if (!gap)
		return;
ack_now:
	es->ack_now = 1;
}

/**
 * edutcp_ack_data() - acknowledge text just received, now or a bit later
 * @sk: the socket
 *
 * At once when edutcp_data_rcv() asked for it, when two full-sized
 * segments (or half the window offered) are unacknowledged, in quick-ACK
 * mode (ato.c), or when delack_ms is 0; otherwise the delayed ACK timer
 * is started for the delay ato.c chooses, and any segment sent before it
 * fires carries the ACK. Text followed by the peer's FIN is not
 * acknowledged here: the FIN's ACK covers both.
 */
void edutcp_ack_data(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 unacked = es->rcv_nxt - es->ack_sent;
	u32 offered = es->rcv_edge - es->ack_sent, srtt;
	struct edutcp_ato_limits lim;

	if (es->fin_pending) {	/* the FIN that follows is acknowledged */
		es->ack_now = 0;
		return;
	}
	if (es->ack_now || !READ_ONCE(edutcp_sysctls(sk)->delack_ms) ||
	    edutcp_ato_now(&es->ato) || unacked >= 2 * es->rcv_mss ||
	    unacked >= offered / 2) {
		es->ack_now = 0;
		edutcp_send_ctl(sk, EDUTCP_ACK);
		return;
	}
	if (timer_pending(&es->delack_timer))
		return;
	edutcp_ato_bounds(sk, &lim);
	srtt = usecs_to_jiffies(es->rtt.srtt_us);
	edutcp_delack_arm(sk, edutcp_ato_delay(&es->ato, srtt, &lim));
}

/**
 * edutcp_ack_sent() - a segment carrying ACK = RCV.NXT went out
 * @sk: the socket
 */
void edutcp_ack_sent(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_ato_limits lim;

	if (es->ack_sent != es->rcv_nxt) {	/* it acknowledges new text */
		edutcp_ato_bounds(sk, &lim);
		edutcp_ato_acked(&es->ato, &lim);
	}
	es->ack_sent = es->rcv_nxt;
	if (timer_pending(&es->delack_timer))
		sk_stop_timer(sk, &es->delack_timer);
}

/* The delayed ACK timer fired: send the ACK still owed. */
void edutcp_delack_timeout(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_ato_limits lim;

	if (!es->synced || es->ack_sent == es->rcv_nxt ||
	    es->state == EDUTCP_CLOSED || es->state == EDUTCP_TIME_WAIT)
		return;
	edutcp_ato_bounds(sk, &lim);
	edutcp_ato_missed(&es->ato, es->rto, &lim);	/* no answer carried it */
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_DELAYEDACKS);
	edutcp_send_ctl(sk, EDUTCP_ACK);
}

/**
 * edutcp_ack_owed_now() - send the ACK owed, if the reader has it all
 * @sk: the socket
 *
 * When text waits to be acknowledged and the reader has emptied the
 * receive queue (or more than a segment is owed), as Linux's
 * tcp_cleanup_rbuf() does for TCP_QUICKACK.
 */
void edutcp_ack_owed_now(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (es->synced && es->ack_sent != es->rcv_nxt &&
	    (skb_queue_empty(&sk->sk_receive_queue) ||
	     es->rcv_nxt - es->ack_sent > es->rcv_mss))
		edutcp_send_ctl(sk, EDUTCP_ACK);
}

/**
 * edutcp_window_update() - after a read: an ACK owed, or the space freed
 * @sk: the socket
 *
 * A read that empties the receive queue sends the ACK owed for the end
 * of a write at once, unless an answer is likely to carry it (ato.c):
 * the sender may be waiting for it before it sends more (Nagle). Else an
 * ACK goes only if the right edge would move by min(buffer / 2, MSS)
 * (the receiver's silly window rule), so reading a byte at a time does
 * not cost a segment each. The buffer may first grow (tune.c).
 */
void edutcp_window_update(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 buf, space, wnd;

	if (es->state != EDUTCP_ESTABLISHED && es->state != EDUTCP_FIN_WAIT_1 &&
	    es->state != EDUTCP_FIN_WAIT_2)
		return;
	edutcp_rcvbuf_adjust(sk);	/* a bigger buffer opens the window */
	space = edutcp_rcv_space(sk, &buf);
	if (es->ack_sent != es->rcv_nxt && edutcp_ato_on_read(&es->ato) &&
	    skb_queue_empty(&sk->sk_receive_queue)) {
		edutcp_send_ctl(sk, EDUTCP_ACK);
		return;
	}
	wnd = edutcp_rcv_window(es->rcv_nxt, es->rcv_edge, space, es->mss, buf);
	if (seqno_gt(es->rcv_nxt + wnd, es->rcv_edge))
		edutcp_send_ctl(sk, EDUTCP_ACK);
}
