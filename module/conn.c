// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: carrying out what the state table decides, for a full socket.
 *
 * edutcp_event() is the one place where a socket's state changes: it
 * reads the table's cell for (state, event) and carries out the actions
 * in a fixed order: learn the peer's ISN, take the ACK, take the text,
 * take the FIN, send what is to be sent, report errors, change state.
 * edutcp_rcv_established() turns an arriving segment into those events,
 * in the order of RFC 9293 §3.10.7.4.
 *
 * Locking: the caller holds the socket: lock_sock() in process context,
 * bh_lock_sock() in softirq with the socket not owned by a user.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"
#include "trace.h"

/* The one place a socket's state is written, after its birth (af.c). */
static void edutcp_write_state(struct sock *sk, enum edutcp_state state,
			       bool traced)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	bool was = es->state == EDUTCP_ESTABLISHED || es->state == EDUTCP_CLOSE_WAIT;
	bool is = state == EDUTCP_ESTABLISHED || state == EDUTCP_CLOSE_WAIT;

	if (es->state == state)
		return;
	if (traced)
		trace_edutcp_set_state(sk, es->state, state);
	es->state = state;
	if (is && !was)
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_CURRESTAB);
	else if (was && !is)
		edutcp_dec_stats(sock_net(sk), EDUTCP_MIB_CURRESTAB);
}

/**
 * edutcp_set_state() - change state, keeping CurrEstab and tracing it
 * @sk: the socket
 * @state: the new state
 */
void edutcp_set_state(struct sock *sk, enum edutcp_state state)
{
	edutcp_write_state(sk, state, true);
}

/**
 * edutcp_done_into_tw() - a socket in TIME_WAIT that a record replaces
 * @sk: the socket, held; its record is in the table (timewait.c)
 *
 * The socket ends CLOSED without a trace of its own: the record carries
 * TIME_WAIT on under the same id, and edutcp_timewait_expire traces its
 * end. Then as edutcp_done().
 */
void edutcp_done_into_tw(struct sock *sk)
{
	edutcp_write_state(sk, EDUTCP_CLOSED, false);
	edutcp_done(sk);
}

/**
 * edutcp_orphan_retries() - how many times an orphan resends or probes
 * @sk: a socket its user has closed
 *
 * The sysctl orphan_retries, as Linux's tcp_orphan_retries: 0 means 8.
 * Its retransmissions stop at the smaller of this and retries; its
 * zero-window probes at this, however the peer answers them.
 *
 * Return: the limit.
 */
int edutcp_orphan_retries(struct sock *sk)
{
	return READ_ONCE(edutcp_sysctls(sk)->orphan_retries) ?: 8;
}

/**
 * edutcp_orphan_admit() - may a socket its user closes live on to finish
 *	its close (send its queue and FIN, wait for the peer's)?
 * @sk: the socket, held, not CLOSED
 *
 * Each one holds memory nobody will read or free by hand. At most
 * max_orphans may live in a namespace, as tcp_max_orphans in Linux, and
 * none that holds a send queue while the protocol is past its hard
 * memory limit (net.edutcp.mem, Linux's tcp_check_oom); else the caller
 * ends the connection at once.
 *
 * Return: true, the socket counted among the orphans until edutcp_done();
 * false if max_orphans live already or memory is out.
 */
bool edutcp_orphan_admit(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));

	if (edutcp_out_of_memory(sk))
		return false;
	if (atomic_inc_return(&en->orphans) > READ_ONCE(en->sysctl.max_orphans)) {
		atomic_dec(&en->orphans);
		return false;
	}
	edutcp_sk(sk)->orphan = 1;
	return true;
}

/**
 * edutcp_done() - the connection is over: CLOSED, out of the tables
 * @sk: the socket
 *
 * Wakes its user; an orphan (closed by its user) also gives up its port
 * and is freed when the last reference goes.
 */
void edutcp_done(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (es->orphan) {
		es->orphan = 0;
		atomic_dec(&edutcp_pernet(sock_net(sk))->orphans);
	}
	edutcp_set_state(sk, EDUTCP_CLOSED);
	edutcp_timers_stop_all(sk);
	edutcp_unhash(sk);
	edutcp_wq_purge(sk);
	__skb_queue_purge(&edutcp_sk(sk)->ofo);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (sock_flag(sk, SOCK_DEAD))
		edutcp_unbind(sk);
	else
		sk->sk_state_change(sk);
}

/**
 * edutcp_arm_fin_timeout() - an orphan in FIN_WAIT_2 waits fin_timeout
 *	for the peer's FIN, then closes (TMO_FIN_WAIT_2)
 * @sk: the socket, closed by its user, in FIN_WAIT_2
 */
void edutcp_arm_fin_timeout(struct sock *sk)
{
	edutcp_timer_arm(sk, EDUTCP_TIMER_FIN_WAIT_2,
			 READ_ONCE(edutcp_sysctls(sk)->fin_timeout) * HZ);
}

/* Queue a control entry (SYN or FIN) on the send queue and take its seq. */
static void edutcp_queue_ctl(struct sock *sk, u8 flag)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *skb = alloc_skb(0, GFP_ATOMIC);

	if (!skb)
		return;	/* the retransmission timer covers a lost FIN */
	EDUTCP_SKB_CB(skb)->seq = es->write_seq;
	EDUTCP_SKB_CB(skb)->end_seq = es->write_seq + 1;
	EDUTCP_SKB_CB(skb)->flags = flag;
	es->write_seq++;
	if (flag == EDUTCP_FIN)
		es->fin_queued = 1;
	__skb_queue_tail(&sk->sk_write_queue, skb);
}

static void edutcp_report(struct sock *sk, int err)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct net *net = sock_net(sk);

	if (es->state == EDUTCP_SYN_SENT || es->state == EDUTCP_SYN_RCVD)
		edutcp_inc_stats(net, EDUTCP_MIB_ATTEMPTFAILS);
	else if (es->state == EDUTCP_ESTABLISHED || es->state == EDUTCP_CLOSE_WAIT)
		edutcp_inc_stats(net, EDUTCP_MIB_ESTABRESETS);
	WRITE_ONCE(sk->sk_err, -err);
	sk_error_report(sk);
}

/**
 * edutcp_event() - feed one event to a socket's state machine
 * @sk: the socket, held as described at the top of this file
 * @ev: the event
 * @skbp: the arriving segment's skb, or NULL; set to NULL if its text was
 *	queued for the reader (the caller frees what is left)
 * @seg: the arriving segment, parsed, or NULL for user calls and timers
 *
 * Return: for a user call the table refuses, its negative errno; else 0.
 */
int edutcp_event(struct sock *sk, enum edutcp_event ev, struct sk_buff **skbp,
		 const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	const struct edutcp_fsm_cell *cell = edutcp_fsm(es->state, ev);
	u32 a = cell->actions;
	u8 next = cell->next;

	if (!cell->defined)
		return 0;
	trace_edutcp_fsm_event(sk, es->state, ev, next, a);
	if (a & EDUTCP_A_REJECT)
		return cell->err;

	if ((a & EDUTCP_A_TAKE_ISN) && seg) {
		es->irs = seg->seq;
		es->rcv_nxt = seg->seq + 1;
		es->rcv_edge = es->rcv_nxt + es->rcv_edge;	/* the SYN's */
		es->synced = 1;
		es->mss = min_t(u16, es->mss,
				edutcp_peer_mss(sock_net(sk), seg->opt.mss));
		/* RFC 7323 §2.2: both SYNs carry the option, or no scaling */
		if (es->wscale_ok && (seg->opt.has & EDUTCP_OPT_WSCALE)) {
			es->snd_wscale = seg->opt.wscale;
		} else {
			es->wscale_ok = 0;
			es->rcv_wscale = 0;
		}
		edutcp_ts_synced(es, seg);	/* RFC 7323 §3.2: the same */
		edutcp_sack_synced(es, seg);	/* RFC 2018 §2: the same */
		es->snd_wl1 = seg->seq - 1;
		edutcp_stream_start(sk);
	}
	if ((a & EDUTCP_A_ACK_DATA) && seg)
		edutcp_ack_rcv(sk, seg);
	if ((a & EDUTCP_A_DELIVER) && seg) {
		if (seg->flags & EDUTCP_URG)	/* RFC 9293 §3.10.7.4 sixth */
			edutcp_urg_rcv(sk, seg);
		edutcp_data_rcv(sk, skbp, seg);
		edutcp_urg_arrived(sk);
	}
	if (a & EDUTCP_A_PEER_CLOSED) {
		es->rcv_nxt++;
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
		sock_set_flag(sk, SOCK_DONE);
		sk->sk_state_change(sk);
	}

	if (a & EDUTCP_A_ERROR) {
		/* an ICMP's error, or one kept from an earlier ICMP (as Linux) */
		int err = cell->err;

		if (!err || (err == -ETIMEDOUT && READ_ONCE(sk->sk_err_soft)))
			err = -READ_ONCE(sk->sk_err_soft);
		edutcp_report(sk, err ?: -EHOSTUNREACH); /* by the old state */
	}
	if (next == EDUTCP_BACK_TO_ORIGIN)
		next = es->passive ? EDUTCP_LISTEN : EDUTCP_CLOSED;
	if (next != EDUTCP_CLOSED)
		edutcp_set_state(sk, next);

	if (a & EDUTCP_A_SEND_SYN) {
		es->snd_una = es->iss;
		es->snd_nxt = es->iss;
		es->write_seq = es->iss;
		edutcp_queue_ctl(sk, EDUTCP_SYN);
		edutcp_push(sk);
	}
	if (a & EDUTCP_A_SEND_FIN) {
		edutcp_queue_ctl(sk, EDUTCP_FIN);
		edutcp_push(sk);
	}
	if (a & EDUTCP_A_DELAYED_ACK)
		edutcp_ack_data(sk);	/* now, or delayed */
	if ((a & EDUTCP_A_CHALLENGE_ACK) &&
	    (ev == EDUTCP_EV_RCV_SYN || ev == EDUTCP_EV_RCV_SYN_ACK))
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SYNCHALLENGE);
	if (edutcp_reply_ack(sock_net(sk), a, &es->oow_stamp, seg,
			     EDUTCP_MIB_ACKSKIPPEDSEQ))
		edutcp_send_ctl(sk, EDUTCP_ACK);
	if (a & EDUTCP_A_SEND_RST) {
		if (seg)
			edutcp_send_reset(sock_net(sk), seg);
		else
			edutcp_send_ctl(sk, EDUTCP_RST | EDUTCP_ACK);
	}
	if ((a & EDUTCP_A_RETRANSMIT) && !skb_queue_empty(&sk->sk_write_queue))
		edutcp_retransmit_timeout(sk);
	if ((a & EDUTCP_A_SEND_SYN_ACK) &&
	    !skb_queue_empty(&sk->sk_write_queue)) {
		/* simultaneous open: our SYN again, now with the ACK */
		edutcp_transmit_skb(sk, skb_peek(&sk->sk_write_queue));
		edutcp_timer_arm(sk, EDUTCP_TIMER_RETRANSMIT, es->rto);
	}
	if (a & EDUTCP_A_RESET_QUEUED)
		edutcp_listen_stop(sk);

	if (next == EDUTCP_CLOSED) {
		if (es->state != EDUTCP_CLOSED)
			edutcp_done(sk);
		return 0;
	}
	if (a & EDUTCP_A_CONNECTED)
		sk->sk_state_change(sk);
	if (next == EDUTCP_FIN_WAIT_2 && sock_flag(sk, SOCK_DEAD))
		edutcp_arm_fin_timeout(sk);
	else if (next == EDUTCP_FIN_WAIT_2)	/* our FIN's ACK: a lingering */
		sk->sk_state_change(sk);	/* close() is done (af.c) */
	if (a & EDUTCP_A_START_2MSL)
		edutcp_time_wait(sk);
	return 0;
}

/* edutcp_sock_view() - a socket's numbers, for the classifiers (classify.c) */
struct edutcp_view edutcp_sock_view(const struct edutcp_sock *es)
{
	return (struct edutcp_view){
		.rcv_nxt = es->rcv_nxt,
		.rcv_wnd = seqno_gt(es->rcv_edge, es->rcv_nxt) ?
			   es->rcv_edge - es->rcv_nxt : 0,
		.snd_una = es->snd_una, .snd_nxt = es->snd_nxt,
		.max_snd_wnd = es->max_window,
		.syn_rcvd = es->state == EDUTCP_SYN_RCVD,
		.no_rfc5961 = READ_ONCE(edutcp_sysctls(&es->inet.sk)->lesson_no_rfc5961),
		.paws = edutcp_ts_paws_valid(es->ts_ok, es->ts_recent_stamp,
					     ktime_get_seconds()),
		.ts_recent = es->ts_recent,
	};
}

/*
 * New text for a reading half the user has shut, in FIN_WAIT_1 or
 * FIN_WAIT_2: RFC 9293 §3.10.7.4 would queue it, RFC 1122 §4.2.2.13
 * says to reset, and Linux does: RST, the connection ends, AbortOnData.
 */
static bool edutcp_abort_on_data(struct sock *sk, const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (!seg->len || !(READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
	    (es->state != EDUTCP_FIN_WAIT_1 && es->state != EDUTCP_FIN_WAIT_2) ||
	    !seqno_gt(seg->seq + seg->len, es->rcv_nxt))
		return false;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_ABORTONDATA);
	if (!sock_flag(sk, SOCK_DEAD)) {
		WRITE_ONCE(sk->sk_err, ECONNRESET);
		sk_error_report(sk);
	}
	return true;
}

/* SYN_SENT (§3.10.7.3): the ACK, the RST and the SYN, one event. */
static enum edutcp_event edutcp_classify_syn_sent(const struct edutcp_sock *es,
						  const struct edutcp_seg *seg)
{
	bool has_ack = seg->flags & EDUTCP_ACK;
	bool ack_ok = has_ack && seqno_gt(seg->ack, es->iss) &&
		      seqno_le(seg->ack, es->snd_nxt);

	if (has_ack && !ack_ok)
		return seg->flags & EDUTCP_RST ? EDUTCP_EV_RCV_RST_IGNORED :
						 EDUTCP_EV_RCV_BAD_ACK;
	if (seg->flags & EDUTCP_RST)
		return ack_ok ? EDUTCP_EV_RCV_RST : EDUTCP_EV_RCV_RST_IGNORED;
	if (seg->flags & EDUTCP_SYN)
		return ack_ok ? EDUTCP_EV_RCV_SYN_ACK : EDUTCP_EV_RCV_SYN;
	return has_ack ? EDUTCP_EV_RCV_ACK : EDUTCP_EV_RCV_NO_ACK;
}

/**
 * edutcp_rcv_established() - an arriving segment, for a socket past LISTEN
 * @sk: the socket, held (see the top of this file)
 * @skb: the segment; freed here
 * @seg: the segment, parsed
 *
 * Feeds the state machine the parts of the segment in the order of RFC
 * 9293 §3.10.7.4: sequence number, RST, SYN, ACK (edutcp_classify()),
 * text, FIN. Text that is in the window but not next in sequence is kept
 * (recv.c) and the FIN after it waits until the gap before it is filled.
 */
void edutcp_rcv_established(struct sock *sk, struct sk_buff *skb,
			    const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_view v;
	enum edutcp_event ev;
	u8 f = seg->flags;

	if (es->state == EDUTCP_SYN_SENT) {
		edutcp_event(sk, edutcp_classify_syn_sent(es, seg), &skb, seg);
		goto out;
	}
	if (es->state == EDUTCP_CLOSED || es->state == EDUTCP_LISTEN)
		goto out;
	/* first to fifth: sequence number, RST, SYN, ACK */
	v = edutcp_sock_view(es);
	ev = edutcp_classify(&v, seg);
	if (ev != EDUTCP_EV_RCV_BAD_SEQ && ev != EDUTCP_EV_RCV_RST_IGNORED) {
		es->rcv_tstamp = jiffies;	/* the peer is alive (keepalive) */
		es->probes = 0;
		edutcp_ts_update(es, seg);
	} else {
		if (edutcp_paws_reject(&v, seg))
			edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_PAWSESTAB);
		edutcp_sack_dup_seg(es, seg);	/* RFC 2883: a D-SACK */
	}
	if (ev != EDUTCP_EV_RCV_ACK) {
		edutcp_event(sk, ev, &skb, seg);
		goto out;
	}
	edutcp_event(sk, es->fin_queued && seg->ack == es->snd_nxt &&
		     es->snd_nxt == es->write_seq ? EDUTCP_EV_RCV_ACK_OF_FIN :
		     EDUTCP_EV_RCV_ACK, &skb, seg);
	if (es->state == EDUTCP_CLOSED || es->state == EDUTCP_TIME_WAIT)
		goto out;
	/* seventh: the text, and a FIN that is not next in sequence */
	if (seg->len || ((f & EDUTCP_FIN) && seg->seq != es->rcv_nxt)) {
		if (edutcp_abort_on_data(sk, seg)) {
			edutcp_event(sk, EDUTCP_EV_ABORT, &skb, seg);
			goto out;
		}
		edutcp_event(sk, EDUTCP_EV_RCV_DATA, &skb, seg);
		if (es->fin_pending) {	/* the FIN is in sequence now */
			es->fin_pending = 0;
			edutcp_event(sk, EDUTCP_EV_RCV_FIN, &skb, seg);
		}
		goto out;
	}
	/* eighth: a FIN alone, next in sequence */
	if (f & EDUTCP_FIN)
		edutcp_event(sk, EDUTCP_EV_RCV_FIN, &skb, seg);
out:
	kfree_skb(skb);
}

/* sk_backlog_rcv: segments that arrived while a user held the socket. */
int edutcp_backlog_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct edutcp_seg seg;

	if (edutcp_parse(skb, &seg)) {
		kfree_skb(skb);
		return 0;
	}
	if (edutcp_sk(sk)->state == EDUTCP_LISTEN)
		edutcp_listen_rcv(sk, skb, &seg);
	else
		edutcp_rcv_established(sk, skb, &seg);
	return 0;
}
