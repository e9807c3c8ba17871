// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the sending half of a connection: what goes out and when,
 * what an ACK frees, and what is sent again.
 *
 *   edutcp_push()               send what the windows allow (RFC 9293
 *                               §3.8.6, Nagle §3.7.4, cwnd RFC 5681)
 *   edutcp_ack_rcv()            an acceptable ACK: free, measure the RTT
 *                               (RFC 6298, Karn), grow cwnd, count
 *                               duplicate ACKs, fast retransmit (RFC 6582,
 *                               or with SACK RFC 6675: sack_sk.c)
 *   edutcp_retransmit_timeout() the RTO expired: back off, go back to
 *                               SND.UNA and send again under cwnd = 1 MSS
 *   edutcp_persist_timeout()    a zero window: probe it (§3.8.6.1)
 *
 * The send queue holds the text the user wrote, in skbs whose bytes are
 * in page fragments, plus an empty entry for a SYN and one for a FIN;
 * each has its sequence numbers in EDUTCP_SKB_CB. A segment is cut from
 * it at send time by sequence number, so one skb may go out in several
 * segments or one segment carry several skbs, and a resend may differ
 * from the first sending. SND.NXT is the highest sequence number sent;
 * after a timeout, rtx_next..rtx_high is the old data to send again.
 * The caller holds the socket (see conn.c).
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"
#include "trace.h"

/**
 * edutcp_in_flight() - bytes sent and, as far as we know, in the network
 * @es: the socket
 *
 * Normally SND.NXT - SND.UNA. After a timeout everything beyond
 * rtx_next is presumed lost until it is sent again (RFC 5681 §3.1).
 *
 * Return: FlightSize, in sequence numbers.
 */
u32 edutcp_in_flight(const struct edutcp_sock *es)
{
	if (seqno_lt(es->rtx_next, es->rtx_high))
		return (es->rtx_next - es->snd_una) +
			(es->snd_nxt - es->rtx_high);
	return es->snd_nxt - es->snd_una;
}

/**
 * edutcp_stream_start() - both ISNs known: start the byte stream's state
 * @sk: the socket, its MSS and SND.UNA set
 */
void edutcp_stream_start(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	edutcp_cc_init(&es->cc, es->mss, es->iss, es->sack_ok);
	es->cc.algo = es->ca_algo;
	edutcp_sb_reset(&es->sb, es->snd_una);
	memset(&es->sack_rcv, 0, sizeof(es->sack_rcv));
	memset(&es->undo, 0, sizeof(es->undo));
	es->rtx_next = es->snd_una;
	es->rtx_high = es->snd_una;
	es->max_window = es->snd_wnd;
	es->copied_seq = es->rcv_nxt;
	es->rcvq_seq = es->rcv_nxt;
	es->rcvq_start_us = edutcp_now_us();
	es->ack_sent = es->rcv_nxt;
	es->rcv_mss = min_t(u32, es->mss, EDUTCP_DEFAULT_MSS);
	es->rcv_tstamp = jiffies;
	if (sock_flag(sk, SOCK_KEEPOPEN))
		edutcp_keepalive(sk, 1);
}

/* The RTO in jiffies from the estimate (RFC 6298 (2.2), (2.3)). */
static void edutcp_set_rto(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 min_us = READ_ONCE(edutcp_sysctls(sk)->rto_min_ms) * USEC_PER_MSEC;
	u32 us = edutcp_rtt_rto_us(&es->rtt, jiffies_to_usecs(1), min_us,
				   jiffies_to_usecs(EDUTCP_RTO_MAX));

	es->rto = usecs_to_jiffies(us);
}

/**
 * edutcp_handshake_rtt() - the handshake is over: the RTO data starts with
 * @sk: the socket, its SYN (or SYN+ACK) acknowledged
 * @resent: that SYN was sent more than once
 * @tsecr: the acknowledging segment's TSecr with timestamps agreed, or 0
 *
 * A round trip measured by the handshake sets it (a TSecr measures one
 * even when Karn's rule stopped the timing); a handshake that needed a
 * resend and measured none starts at 3 s, not where the SYN's backoff
 * left it (RFC 6298 (5.7), as Linux's tcp_init_metrics). Otherwise the
 * RTO is the initial 1 s (2.1).
 */
void edutcp_handshake_rtt(struct sock *sk, bool resent, u32 tsecr)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 us = 0;

	if (!es->rtt.srtt_us && tsecr)
		us = edutcp_ts_rtt_us(edutcp_ts_val(es->ts_off), tsecr);
	if (us)
		edutcp_rtt_sample(&es->rtt, us);
	if (es->rtt.srtt_us)
		edutcp_set_rto(sk);
	else
		es->rto = resent ? EDUTCP_RTO_FALLBACK : EDUTCP_RTO_INIT;
}

/*
 * The persist timer backs off as the RTO does, up to its maximum; with
 * a user timeout, not past its end (Linux's
 * tcp_clamp_probe0_to_user_timeout), so the connection ends on time.
 */
static unsigned long edutcp_probe_delay(const struct edutcp_sock *es)
{
	unsigned long delay = edutcp_rto_backoff(es->rto, es->probes);

	if (!es->probe_stamp)
		return delay;
	return edutcp_until_user_timeout(es, es->probe_stamp, delay);
}

/* Bytes of text queued from @seq on, up to a FIN or the end. */
static u32 edutcp_text_after(const struct edutcp_sock *es, u32 seq)
{
	return es->write_seq - es->fin_queued - seq;
}

/*
 * Send the segment at @seq: the SYN or FIN entry there, or up to *@len
 * bytes of text starting there (*@len becomes what was sent). One new
 * segment at a time is timed for the RTT; sending anything again stops
 * the timing (Karn's rule: an ACK of a resent segment is ambiguous).
 */
static int edutcp_send_at(struct sock *sk, struct sk_buff *skb, u32 seq,
			  u32 *len, bool again)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 segs;
	int err;

	if (!skb->len) {
		*len = 0;
		err = edutcp_transmit_skb(sk, skb);
	} else {
		err = edutcp_transmit_text(sk, skb, seq, len);
	}
	if (err)
		return err;
	if (again) {
		segs = DIV_ROUND_UP(max(*len, 1U), max_t(u32, es->mss, 1));
		es->rtt_timing = 0;
		es->total_retrans += segs;
		edutcp_add_stats(sock_net(sk), EDUTCP_MIB_RETRANSSEGS, segs);
		if (EDUTCP_SKB_CB(skb)->flags & EDUTCP_SYN)
			edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNRETRANS);
		trace_edutcp_retransmit(sk, es->retries);
	} else if (!es->rtt_timing) {
		es->rtt_timing = 1;
		es->rtt_seq = seq + max(*len, 1U);
		es->rtt_start_us = edutcp_now_us();
	}
	return 0;
}

/*
 * Resend the segment at SND.UNA, whatever the windows say; old text
 * only, never past SND.NXT (text never sent waits for the window), nor
 * into what the peer has SACKed.
 */
static void edutcp_resend_una(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *skb = edutcp_skb_holding(&sk->sk_write_queue,
						 es->snd_una);
	u32 len = min_t(u32, es->mss, es->snd_nxt - es->snd_una), end;

	if (es->sack_ok && !edutcp_sb_sacked(&es->sb, es->snd_una, &end) &&
	    end != es->snd_una)
		len = min(len, end - es->snd_una);
	if (!skb || edutcp_send_at(sk, skb, es->snd_una, &len, true))
		return;
	len = max(len, 1U);
	if (es->sack_ok && es->cc.in_recovery)
		edutcp_sack_sent(sk, EDUTCP_SB_LOST, es->snd_una,
				 es->snd_una + len);
	if (seqno_lt(es->rtx_next, es->rtx_high) &&
	    seqno_lt(es->rtx_next, es->snd_una + len))
		es->rtx_next = es->snd_una + len;
}

/* The path MTU an ICMP reported (edutcp_mtu_reduced()) lowers the MSS. */
static bool edutcp_mss_update(struct edutcp_sock *es)
{
	u16 mss = READ_ONCE(es->pmtu_mss);

	if (mss && es->ts_ok && es->synced)	/* the option's room */
		mss -= min_t(u16, mss - 1, EDUTCP_TS_ALIGNED);
	if (!mss || mss >= es->mss)
		return false;
	es->mss = mss;
	es->cc.mss = mss;
	return true;
}

/**
 * edutcp_mtu_reduced() - RFC 1191: the path takes smaller segments
 * @sk: the socket, held and not owned by its user
 *
 * The MSS falls to what @pmtu_mss says, and what is in flight is sent
 * again at once at the new size, as Linux's tcp_simple_retransmit does:
 * the segments that were too big died on the way, and waiting for the
 * RTO would cost a timeout, a backoff and a congestion window of one
 * segment for a loss that no congestion caused. When the ICMP came while
 * the user held the socket, edutcp_push() takes the new MSS instead, and
 * the retransmission timer sends again.
 */
void edutcp_mtu_reduced(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (!edutcp_mss_update(es))
		return;
	if (es->snd_una != es->snd_nxt) {
		es->rtx_next = es->snd_una;
		es->rtx_high = es->snd_nxt;
	}
	edutcp_push(sk);
}

/*
 * What a partial segment at the tail waits for: nothing once a FIN is
 * queued (close and shutdown send all), in urgent mode, or when
 * flushed; more text when corked, by the option or by this write's
 * MSG_MORE; else Nagle, unless EDUTCP_NODELAY. Linux's TCP orders them so too (tcp_nagle_test).
 */
static enum edutcp_nagle edutcp_nagle_for(const struct edutcp_sock *es,
					  enum edutcp_push_how how)
{
	if (es->fin_queued || es->urg_mode || how == EDUTCP_PUSH_FLUSH)
		return EDUTCP_NAGLE_OFF;
	if (es->cork || how == EDUTCP_PUSH_MORE)
		return EDUTCP_NAGLE_CORK;
	return es->nodelay ? EDUTCP_NAGLE_OFF : EDUTCP_NAGLE_ON;
}

/**
 * edutcp_push_as() - send what the send queue holds and the windows allow
 * @sk: the socket
 * @how: what a partial segment at the tail waits for, this time
 *
 * Old data to send again after a timeout goes first, then new data. A
 * SYN goes when its turn comes; a FIN when the window has room for its
 * sequence number (or the retransmission timer sends it). Text goes in
 * segments of at most an MSS, within SND.UNA + SND.WND and the
 * congestion window, and only when edutcp_send_len() says it is not a
 * silly one. The retransmission timer runs while anything is in flight;
 * when nothing is and text waits for the window (or for more text, or
 * Nagle), the persist timer runs: a cork holds a partial segment for a
 * probe delay at most, as TCP's does.
 */
void edutcp_push_as(struct sock *sk, enum edutcp_push_how how)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	enum edutcp_sb_next next;
	struct sk_buff *skb;
	u32 seq, len, wnd_end, flight, usable, queued, cwnd, lim;
	bool again, sack_rec;

	edutcp_mss_update(es);
	for (;;) {
		sack_rec = es->sack_ok && es->cc.in_recovery;
		next = EDUTCP_SB_NEW;
		again = seqno_lt(es->rtx_next, es->rtx_high);
		seq = again ? es->rtx_next : es->snd_nxt;
		lim = es->rtx_high;
		if (again && es->sack_ok) {
			/* go-back-N skips what the peer has (RFC 6675 §5.1) */
			if (edutcp_sb_sacked(&es->sb, seq, &lim)) {
				es->rtx_next = seqno_min(lim, es->rtx_high);
				continue;
			}
			lim = lim == seq ? es->rtx_high :
			      seqno_min(lim, es->rtx_high);
		}
		if (!again && sack_rec) {
			next = edutcp_sack_next(sk, &seq, &lim);
			if (next == EDUTCP_SB_NONE)
				break;
			again = next != EDUTCP_SB_NEW;
			if (!again)
				seq = es->snd_nxt;
		}
		skb = edutcp_skb_holding(&sk->sk_write_queue, seq);
		if (!skb)
			break;
		if (!skb->len) {
			/* a FIN takes a sequence number: it needs the window */
			if ((EDUTCP_SKB_CB(skb)->flags & EDUTCP_FIN) &&
			    seqno_gt(seq + 1, es->snd_una + es->snd_wnd))
				break;
			len = 0;
		} else {
			wnd_end = es->snd_una + es->snd_wnd;
			flight = sack_rec ? edutcp_sb_pipe(&es->sb, es->snd_una,
							   es->snd_nxt, es->mss) :
				 edutcp_in_flight(es);
			usable = seqno_gt(wnd_end, seq) ? wnd_end - seq : 0;
			cwnd = edutcp_cc_send_window(&es->cc);
			usable = min(usable, cwnd > flight ? cwnd - flight : 0);
			queued = again ? lim - seq : edutcp_text_after(es, seq);
			len = edutcp_send_len(queued, !again, usable, es->max_window, es->mss,
					      es->snd_una == es->snd_nxt,
					      edutcp_nagle_for(es, how));
			if (!len)
				break;
			if (len == es->mss)	/* full: more of them at once? */
				len = rounddown(min3(queued, usable,
						     edutcp_gso_len(sk)),
						es->mss);
		}
		if (edutcp_send_at(sk, skb, seq, &len, again))
			break;
		len = len ?: 1;		/* SYN or FIN */
		if (next != EDUTCP_SB_NEW)
			edutcp_sack_sent(sk, next, seq, seq + len);
		else if (again)
			es->rtx_next = seq + len;
		else
			es->snd_nxt = seq + len;
		if (!timer_pending(&es->timer) ||
		    es->timer_kind != EDUTCP_TIMER_RETRANSMIT)
			edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT, es->rto);
	}
	if (es->snd_una == es->snd_nxt &&
	    edutcp_skb_holding(&sk->sk_write_queue, es->snd_nxt) &&
	    !timer_pending(&es->timer) && edutcp_synchronized(es->state))
		edutcp_timer_arm(sk, EDUTCP_TIMER_PERSIST,
				 edutcp_probe_delay(es));
}

/**
 * edutcp_wq_free() - free an entry taken off the send queue
 * @sk: the socket
 * @skb: the entry
 *
 * Text gives back what sendmsg charged for it: its place in SO_SNDBUF
 * (sk_wmem_queued) and in the protocol's memory (net.edutcp.mem). A SYN
 * or FIN entry was charged neither.
 */
void edutcp_wq_free(struct sock *sk, struct sk_buff *skb)
{
	if (skb->len) {
		edutcp_sk(sk)->wq_bytes -= skb->len;
		sk_wmem_queued_add(sk, -skb->truesize);
		sk_mem_uncharge(sk, skb->truesize);
	}
	kfree_skb(skb);
}

/* edutcp_wq_purge() - the connection is over: free the whole send queue. */
void edutcp_wq_purge(struct sock *sk)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&sk->sk_write_queue)))
		edutcp_wq_free(sk, skb);
}

/* Free the send queue entries that SEG.ACK has passed. */
static void edutcp_clean_queue(struct sock *sk, u32 ack)
{
	struct sk_buff *skb, *tmp;

	skb_queue_walk_safe(&sk->sk_write_queue, skb, tmp) {
		if (seqno_gt(EDUTCP_SKB_CB(skb)->end_seq, ack))
			break;
		__skb_unlink(skb, &sk->sk_write_queue);
		edutcp_wq_free(sk, skb);
	}
}

/*
 * A duplicate ACK. RFC 5681 §2 without SACK: nothing new in it, the
 * window the same. RFC 6675 §2 with: it SACKs something new (@newly).
 */
static bool edutcp_is_dup_ack(const struct edutcp_sock *es,
			      const struct edutcp_seg *seg, bool wnd_same,
			      u32 newly)
{
	if (seg->ack != es->snd_una || es->snd_una == es->snd_nxt)
		return false;
	if (es->sack_ok)
		return newly;
	return wnd_same && !seg->len &&
		!(seg->flags & (EDUTCP_SYN | EDUTCP_FIN));
}

/*
 * RFC 6675 §5: recovery also begins when the scoreboard says SND.UNA's
 * segment is lost, however few duplicate ACKs said so; not twice for
 * one window (RecoveryPoint, RFC 6582's recover).
 */
static bool edutcp_sack_says_lost(const struct edutcp_sock *es)
{
	return es->sack_ok && !es->cc.in_recovery &&
		es->snd_una != es->snd_nxt &&
		seqno_gt(es->snd_una, es->cc.recover) &&
		edutcp_sb_is_lost(&es->sb, es->snd_una, es->mss);
}

/*
 * RTTM (RFC 7323 §4.1): the TSecr of an ACK of new data times the round
 * trip of what it acknowledges, text sent again included; taken while no
 * segment is being timed (Karn's rule stopped the timing), so a resent
 * window still measures the path. Millisecond ticks.
 */
static void edutcp_ts_rtt(struct sock *sk, u32 tsecr)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 us = edutcp_ts_rtt_us(edutcp_ts_val(es->ts_off), tsecr);

	if (!us)
		return;
	edutcp_rtt_sample(&es->rtt, us);
	edutcp_set_rto(sk);
}

/**
 * edutcp_ack_rcv() - process an acceptable ACK (RFC 9293 §3.10.7.4 fifth)
 * @sk: the socket
 * @seg: the segment; SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT
 *
 * SND.UNA < SEG.ACK frees what it covers, feeds the RTT estimator when
 * it covers the timed segment, and the congestion window; the RTO
 * restarts (RFC 6298 (5.3)) or stops (5.2). A duplicate ACK counts
 * towards fast retransmit. The window is taken from the newest segment
 * (SND.WL1, SND.WL2). Then whatever may now be sent is.
 */
void edutcp_ack_rcv(struct sock *sk, const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	enum edutcp_cc_verdict v = EDUTCP_CC_NONE;
	u32 wnd = edutcp_seg_wnd(seg, es->snd_wscale), acked, newly;
	u32 prior_cwnd = es->cc.cwnd, prior_ssthresh = es->cc.ssthresh;
	bool wnd_same = wnd == es->snd_wnd;

	newly = edutcp_sack_ack(sk, seg, seqno_max(es->snd_una, seg->ack));
	es->probes = 0;
	if (seqno_lt(es->snd_una, seg->ack)) {
		acked = seg->ack - es->snd_una;
		edutcp_clean_queue(sk, seg->ack);
		es->bytes_acked += acked - (es->snd_una == es->iss) -
			(es->fin_queued && seg->ack == es->write_seq);
		es->snd_una = seg->ack;
		edutcp_urg_acked(es);
		if (seqno_lt(es->rtx_next, es->snd_una))
			es->rtx_next = es->snd_una;
		if (es->rtt_timing && seqno_ge(seg->ack, es->rtt_seq)) {
			es->rtt_timing = 0;
			edutcp_rtt_sample(&es->rtt,
					  edutcp_now_us() - es->rtt_start_us);
			edutcp_set_rto(sk);	/* (5.7): ends any backoff */
		} else if (!es->rtt_timing && es->ts_ok &&
			   (seg->opt.has & EDUTCP_OPT_TS)) {
			edutcp_ts_rtt(sk, seg->opt.tsecr);
		}
		if (es->snd_una - acked == es->iss)	/* our SYN, acked */
			edutcp_handshake_rtt(sk, es->retries > 0, 0);
		es->retries = 0;
		if (edutcp_synchronized(es->state))
			v = edutcp_cc_new_ack(&es->cc, seg->ack, acked,
					      edutcp_in_flight(es),
					      (u32)div_u64(edutcp_now_us(),
							   USEC_PER_MSEC),
					      es->rtt.srtt_us / USEC_PER_MSEC);
		if (es->snd_una == es->snd_nxt)
			edutcp_timer_stop(sk);
		else
			edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT, es->rto);
		edutcp_sndbuf_expand(sk);
		sk->sk_write_space(sk);
	} else if (edutcp_is_dup_ack(es, seg, wnd_same, newly)) {
		v = edutcp_cc_dup_ack(&es->cc, seg->ack, edutcp_in_flight(es),
				      es->snd_nxt);
	}
	if (v == EDUTCP_CC_NONE && edutcp_synchronized(es->state) &&
	    edutcp_sack_says_lost(es)) {
		/* what this ACK did first (the end of a recovery) is its own */
		if (es->cc.cwnd != prior_cwnd ||
		    es->cc.ssthresh != prior_ssthresh)
			trace_edutcp_cwnd(sk, EDUTCP_CWND_ACK);
		prior_cwnd = es->cc.cwnd;
		prior_ssthresh = es->cc.ssthresh;
		edutcp_cc_enter_recovery(&es->cc, edutcp_in_flight(es),
					 es->snd_nxt);
		v = EDUTCP_CC_FAST_RETRANSMIT;
	}
	if (seqno_lt(es->snd_wl1, seg->seq) ||
	    (es->snd_wl1 == seg->seq && seqno_le(es->snd_wl2, seg->ack))) {
		es->snd_wnd = wnd;
		es->snd_wl1 = seg->seq;
		es->snd_wl2 = seg->ack;
		es->max_window = max(es->max_window, es->snd_wnd);
	}
	if (es->snd_wnd)	/* open: a user timeout counts again from 0 */
		es->probe_stamp = 0;
	if (v == EDUTCP_CC_FAST_RETRANSMIT) {
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_FASTRETRANS);
		edutcp_sack_recovery(sk, prior_cwnd, prior_ssthresh);
	}
	if (es->cc.cwnd != prior_cwnd || es->cc.ssthresh != prior_ssthresh)
		trace_edutcp_cwnd(sk, v == EDUTCP_CC_FAST_RETRANSMIT ?
				  EDUTCP_CWND_RECOVERY : EDUTCP_CWND_ACK);
	if (v != EDUTCP_CC_NONE) {
		edutcp_resend_una(sk);
		edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT, es->rto);
	}
	if (es->timer_kind == EDUTCP_TIMER_PERSIST && es->snd_wnd)
		edutcp_timer_stop(sk);
	edutcp_push(sk);
}

/**
 * edutcp_retransmit_timeout() - the retransmission timer expired
 * @sk: the socket; the state table has decided to send again
 *
 * RFC 6298 (5.4)-(5.6): send the earliest unacknowledged segment again,
 * double the RTO (up to the maximum), restart the timer. RFC 5681: the
 * congestion window falls to one segment; what follows SND.UNA is sent
 * again as the window reopens, but for what the peer has SACKed (RFC
 * 6675 §5.1). When the same data times out again the scoreboard is
 * forgotten: the peer may have dropped what it SACKed (RFC 2018 §8).
 */
void edutcp_retransmit_timeout(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_TIMEOUTS);
	edutcp_cc_timeout(&es->cc, edutcp_in_flight(es), es->snd_nxt,
			  es->retries > 0);
	es->undo.armed = 0;
	trace_edutcp_cwnd(sk, EDUTCP_CWND_TIMEOUT);
	/* RFC 2018 §8: timed out again, the peer may have reneged */
	if (es->retries > 0)
		edutcp_sb_reset(&es->sb, es->snd_una);
	es->rtx_next = es->snd_una;
	es->rtx_high = es->snd_nxt;
	edutcp_resend_una(sk);
	es->retries++;
	es->rto = min_t(u32, es->rto * 2, EDUTCP_RTO_MAX);
	edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT,
			 edutcp_until_user_timeout(es, es->retrans_stamp, es->rto));
	edutcp_push(sk);
}

/**
 * edutcp_send_probe() - an ACK the peer must answer: SEQ = SND.UNA - 1
 * @sk: the socket
 *
 * The sequence number is one the peer has had, so the segment is not
 * acceptable and RFC 9293 §3.10.7.4 makes the peer answer with an ACK
 * that carries its window. Window probes and keepalives are this.
 */
void edutcp_send_probe(struct sock *sk)
{
	edutcp_send_seq(sk, edutcp_sk(sk)->snd_una - 1, EDUTCP_ACK);
}

/**
 * edutcp_persist_timeout() - the persist timer expired
 * @sk: the socket
 *
 * If the window has opened a little (the silly window rule held back
 * less than a full segment), send what fits. Otherwise probe the zero
 * window and back off; a peer that answers keeps the connection (RFC
 * 9293 MUST-36), one that does not for @retries probes is given up. A
 * socket its user has closed is given up after orphan_retries probes,
 * answered or not (Linux's tcp_orphan_retries): nobody will ever read
 * what it holds, and a peer must not pin it for ever. With
 * EDUTCP_USER_TIMEOUT, a window shut that long since the first probe
 * ends it too, answered or not (as Linux's tcp_probe_timer).
 *
 * Return: true when the connection is to be given up.
 */
bool edutcp_persist_timeout(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *skb = edutcp_skb_holding(&sk->sk_write_queue,
						 es->snd_nxt);
	u32 len;

	if (!skb || es->snd_una != es->snd_nxt)
		return false;
	len = min3(es->snd_wnd, es->mss, edutcp_text_after(es, es->snd_nxt));
	if (skb->len && len &&
	    !edutcp_send_at(sk, skb, es->snd_nxt, &len, false)) {
		es->snd_nxt += len;
		edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT, es->rto);
		edutcp_push(sk);
		return false;
	}
	/*
	 * RFC 5482 as Linux's TCP keeps it: with a user timeout, a window
	 * that stays shut ends the connection that long after the first
	 * probe, however the peer answers them
	 */
	if (!es->probe_stamp)
		es->probe_stamp = jiffies ?: 1;
	else if (edutcp_user_timed_out(es, es->probe_stamp))
		return true;
	if (es->probes >= READ_ONCE(edutcp_sysctls(sk)->retries))
		return true;
	/* an orphan's probes, answered or not, are counted to its limit */
	if (es->orphan && es->orphan_probes >= edutcp_orphan_retries(sk))
		return true;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_WINPROBE);
	edutcp_send_probe(sk);
	es->probes++;
	es->orphan_probes += es->orphan;
	edutcp_timer_arm(sk, EDUTCP_TIMER_PERSIST, edutcp_probe_delay(es));
	return false;
}
