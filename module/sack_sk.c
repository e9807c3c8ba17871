// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: SACK on a connection (RFC 2018, 2883, 6675): what sack.c
 * decides, carried out on a socket.
 *
 *   edutcp_sack_offer()    our SYN offers SACK permitted, or not
 *   edutcp_sack_synced()   the peer's SYN: agreed when both offered it
 *   edutcp_sack_fill()     the blocks an ACK going out carries
 *   edutcp_sack_dup_seg()  text that came twice: a D-SACK to send
 *   edutcp_sack_ack()      the blocks an arriving ACK carries: the
 *                          scoreboard, the counters, and the undo of a
 *                          recovery that D-SACKs show was not needed
 *   edutcp_sack_next()     in recovery, what RFC 6675 sends next
 *
 * The caller holds the socket.
 */
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"
#include "trace.h"

/**
 * edutcp_sack_offer() - what our SYN offers: SACK or not
 * @sk: the socket, about to send a SYN (connect())
 */
void edutcp_sack_offer(struct sock *sk)
{
	edutcp_sk(sk)->sack_ok = !!READ_ONCE(edutcp_sysctls(sk)->sack);
}

/**
 * edutcp_sack_synced() - the peer's SYN arrived: SACK agreed or not
 * @es: the connection (SYN_SENT, or a simultaneous open)
 * @seg: the peer's SYN
 *
 * RFC 2018 §2: only when both SYNs carried SACK permitted.
 */
void edutcp_sack_synced(struct edutcp_sock *es, const struct edutcp_seg *seg)
{
	if (!(seg->opt.has & EDUTCP_OPT_SACK_PERM))
		es->sack_ok = 0;
}

/**
 * edutcp_sack_fill() - SACK blocks for a segment that carries an ACK
 * @sk: the connection
 * @o: its options so far; gets the blocks that fit
 * @text: bytes of text the segment carries: its options may not push it
 *	past the MSS
 *
 * RFC 2018 §4: every ACK while text is held out of order carries the
 * blocks; RFC 2883: a D-SACK first, once.
 */
void edutcp_sack_fill(struct sock *sk, struct edutcp_opts *o, u32 text)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_sack_rcv *r = &es->sack_rcv;
	unsigned int room, n;
	bool dsack = r->has_dsack;

	if (!es->sack_ok || !es->synced || (!r->nr && !r->has_dsack))
		return;
	room = edutcp_sack_room(o);
	if (text) {	/* what the MSS leaves of the segment */
		u32 left = text < es->mss ? es->mss - text : 0;

		room = min_t(u32, room, left > 4 ? (left - 4) / 8 : 0);
	}
	n = edutcp_sack_rcv_fill(r, o->sack, room);
	if (!n)
		return;
	o->nr_sack = n;
	o->has |= EDUTCP_OPT_SACK;
	if (dsack && !r->has_dsack)
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_DSACKSENT);
}

/**
 * edutcp_sack_dup_seg() - a segment brought text already received
 * @es: the connection
 * @seg: the segment
 *
 * Its part before RCV.NXT is reported by the next ACK (RFC 2883 §4
 * (1)), so the sender learns that it sent it twice.
 */
void edutcp_sack_dup_seg(struct edutcp_sock *es, const struct edutcp_seg *seg)
{
	u32 end = seg->seq + seg->len;

	if (!es->sack_ok || !seg->len || !seqno_lt(seg->seq, es->rcv_nxt))
		return;
	edutcp_sack_rcv_dup(&es->sack_rcv, seg->seq,
			    seqno_min(end, es->rcv_nxt));
}

/* The recovery was spurious: back to the window before it (RFC 2883 §5). */
static void edutcp_sack_undo(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	es->cc.cwnd = max(es->cc.cwnd, es->undo.prior_cwnd);
	es->cc.ssthresh = max(es->cc.ssthresh, es->undo.prior_ssthresh);
	if (es->cc.in_recovery) {
		es->cc.in_recovery = 0;
		es->cc.recover = es->snd_una - 1;	/* a new loss may begin one */
	}
	es->cc.w_max = es->cc.prior_w_max;	/* RFC 9438 §4.9 */
	es->cc.epoch_ms = 0;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_DSACKUNDO);
	trace_edutcp_cwnd(sk, EDUTCP_CWND_UNDO);
}

/**
 * edutcp_sack_ack() - the SACK blocks of an acceptable ACK
 * @sk: the socket
 * @seg: the ACK
 * @una: SND.UNA once its cumulative acknowledgment is taken
 *
 * The scoreboard takes them; blocks it refuses count in SACKDiscard, a
 * D-SACK in DSACKRecv. When D-SACKs have reported every segment the last
 * fast recovery sent again, none was lost: the recovery is undone.
 *
 * Return: bytes SACKed for the first time (RFC 6675's duplicate ACK).
 */
u32 edutcp_sack_ack(struct sock *sk, const struct edutcp_seg *seg, u32 una)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct edutcp_sb_news news;
	bool sack = seg->opt.has & EDUTCP_OPT_SACK;

	if (!es->sack_ok)
		return 0;
	edutcp_sb_update(&es->sb, una, es->snd_nxt, seg->opt.sack,
			 sack ? seg->opt.nr_sack : 0, &news);
	if (news.bad)
		edutcp_add_stats(sock_net(sk), EDUTCP_MIB_SACKDISCARD, news.bad);
	if (news.dsack) {
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_DSACKRECV);
		if (edutcp_undo_dsack(&es->undo, news.dsack_blk.start,
				      news.dsack_blk.end))
			edutcp_sack_undo(sk);
	}
	return news.newly;
}

/**
 * edutcp_sack_recovery() - fast recovery begins: RFC 6675 §5 (4)
 * @sk: the socket; cc.c has set ssthresh and cwnd
 * @prior_cwnd: cwnd before, for an undo
 * @prior_ssthresh: ssthresh before
 */
void edutcp_sack_recovery(struct sock *sk, u32 prior_cwnd, u32 prior_ssthresh)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	edutcp_undo_start(&es->undo, prior_cwnd, prior_ssthresh);
	if (!es->sack_ok)
		return;
	edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_SACKRECOVERY);
	es->sb.high_rxt = es->snd_una;
	/* (4.3): HighRxt and RescueRxt start at the first resend's end */
	es->sb.rescue_rxt = es->snd_una +
		min_t(u32, es->mss, es->snd_nxt - es->snd_una) - 1;
}

/**
 * edutcp_sack_next() - RFC 6675 §5 (C): in recovery, what goes next
 * @sk: the socket, SACK agreed and in fast recovery
 * @seq: set to where a segment to send again starts
 * @lim: set to where it must end (the hole's end), at most an MSS on
 *
 * Only while cwnd - pipe is at least one SMSS.
 *
 * Return: NextSeg()'s choice.
 */
enum edutcp_sb_next edutcp_sack_next(struct sock *sk, u32 *seq, u32 *lim)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 pipe = edutcp_sb_pipe(&es->sb, es->snd_una, es->snd_nxt, es->mss);
	bool new_ok, more = es->snd_nxt != es->write_seq;
	enum edutcp_sb_next next;
	u32 len;

	if (es->cc.cwnd < pipe + es->mss)
		return EDUTCP_SB_NONE;
	new_ok = more && seqno_gt(es->snd_una + es->snd_wnd, es->snd_nxt);
	next = edutcp_sb_next_seg(&es->sb, es->snd_una, es->snd_nxt, es->mss,
				  new_ok, seq, &len);
	*lim = *seq + len;
	return next;
}

/**
 * edutcp_sack_sent() - a segment edutcp_sack_next() chose went again
 * @sk: the socket
 * @next: the rule that chose it
 * @seq: its first sequence number
 * @end: the one after its last
 */
void edutcp_sack_sent(struct sock *sk, enum edutcp_sb_next next, u32 seq,
		      u32 end)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	if (next == EDUTCP_SB_RESCUE)
		es->sb.rescue_rxt = es->cc.recover;	/* (4): one per episode */
	else if (seqno_gt(end, es->sb.high_rxt))
		es->sb.high_rxt = end;
	edutcp_undo_sent(&es->undo, seq, end);
}
