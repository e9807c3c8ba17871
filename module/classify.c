// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: what an arriving segment is, for a synchronized connection: the
 * one home of RFC 9293 §3.10.7.4's first five checks and RFC 5961's.
 *
 *   first   is the sequence number acceptable (the four cases of the
 *           window test)?
 *   second  an RST: only an exact one resets; one in the window gets a
 *           challenge ACK (RFC 5961 §3.2)
 *   fourth  any SYN: a challenge ACK (RFC 5961 §4)
 *
 * With the lesson switch net.edutcp.lesson_no_rfc5961 (the view's
 * no_rfc5961), second and fourth are RFC 793's instead, the rules RFC
 * 5961 replaced: any RST in the window resets, any SYN in the window is
 * answered with RST and resets (a blind attacker then needs only to land
 * in the window, as the rst-attack lesson shows).
 *   fifth   no ACK: drop; an ACK outside SND.UNA - MAX.SND.WND ..
 *           SND.NXT (RFC 5961 §5; in SYN_RCVD SND.UNA < SEG.ACK =<
 *           SND.NXT) is not acceptable
 *
 * and RFC 5927's test of an ICMP error: it must quote a segment in
 * flight (edutcp_icmp_acceptable(), for input.c).
 *
 * Before them all, RFC 7323 §5.3 R1's PAWS: with timestamps, a segment
 * whose TSval is older than TS.Recent is an old duplicate, unacceptable
 * whatever its sequence number (edutcp_paws_reject()).
 *
 * The three holders of a connection's numbers call the same function: a
 * socket (conn.c), a SYN queue entry (synq.c) and a TIME_WAIT record
 * (timewait.c), each with a struct edutcp_view of its own numbers. What
 * each does with the event is the state table's (fsm.c). Pure: KUnit
 * checks each rule (kunit/classify_test.c).
 */
#include "edutcp.h"
#include "seq.h"

/**
 * edutcp_seq_acceptable() - RFC 9293 §3.10.7.4, first: the window test
 * @rcv_nxt: RCV.NXT
 * @rcv_wnd: RCV.WND
 * @seg: the segment (SEG.LEN counts SYN and FIN)
 *
 *   SEG.LEN  RCV.WND  test
 *   0        0        SEG.SEQ = RCV.NXT
 *   0        >0       RCV.NXT =< SEG.SEQ < RCV.NXT+RCV.WND
 *   >0       0        not acceptable
 *   >0       >0       the first or the last octet is in the window
 *
 * Return: true if acceptable.
 */
bool edutcp_seq_acceptable(u32 rcv_nxt, u32 rcv_wnd,
			   const struct edutcp_seg *seg)
{
	u32 len = edutcp_seg_end(seg) - seg->seq;

	if (!len)
		return rcv_wnd ? seqno_in(seg->seq, rcv_nxt, rcv_nxt + rcv_wnd) :
				 seg->seq == rcv_nxt;
	if (!rcv_wnd)
		return false;
	return seqno_in(seg->seq, rcv_nxt, rcv_nxt + rcv_wnd) ||
	       seqno_in(seg->seq + len - 1, rcv_nxt, rcv_nxt + rcv_wnd);
}

/**
 * edutcp_ack_acceptable() - RFC 9293 §3.10.7.4 fifth, RFC 5961 §5
 * @v: the connection's numbers
 * @ack: SEG.ACK
 *
 * In SYN_RCVD the ACK must acknowledge our SYN: SND.UNA < SEG.ACK =<
 * SND.NXT. Past it, SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT: an ACK
 * of what was never sent is refused, and so is one older than the
 * largest window the peer ever offered (a blind attacker's guess), where
 * RFC 9293 alone would ignore it as a duplicate.
 *
 * Return: true if acceptable.
 */
bool edutcp_ack_acceptable(const struct edutcp_view *v, u32 ack)
{
	if (v->syn_rcvd)
		return seqno_gt(ack, v->snd_una) && seqno_le(ack, v->snd_nxt);
	return seqno_le(ack, v->snd_nxt) &&
	       seqno_ge(ack, v->snd_una - v->max_snd_wnd);
}

/**
 * edutcp_paws_reject() - RFC 7323 §5.3 R1: is the segment an old duplicate?
 * @v: the connection's numbers (@v->paws, @v->ts_recent)
 * @seg: the segment
 *
 * SEG.TSval < TS.Recent (modulo 2^32), TS.Recent valid, no RST: the
 * segment is not acceptable, as one outside the window is (an ACK in
 * reply, then drop). An RST is exempt, so that an old timestamp never
 * keeps a connection from being reset; a segment without the option is
 * not tested (RFC 7323 §3.2 lets it be dropped; Linux keeps it, and so
 * does edutcp).
 *
 * Return: true to reject it.
 */
bool edutcp_paws_reject(const struct edutcp_view *v,
			const struct edutcp_seg *seg)
{
	return v->paws && (seg->opt.has & EDUTCP_OPT_TS) &&
	       !(seg->flags & EDUTCP_RST) &&
	       (s32)(seg->opt.tsval - v->ts_recent) < 0;
}

/**
 * edutcp_classify() - the event a segment is for a synchronized connection
 * @v: the connection's numbers
 * @seg: the segment
 *
 * Return: EDUTCP_EV_RCV_BAD_SEQ (not acceptable, PAWS included),
 * _RCV_RST_IGNORED (an
 * RST that is not), _RCV_RST (exactly at RCV.NXT), _RCV_RST_IN_WINDOW,
 * _RCV_SYN, _RCV_SYN_ACK, _RCV_SYN_IN_WINDOW (no_rfc5961), _RCV_NO_ACK,
 * _RCV_BAD_ACK, or _RCV_ACK for an acceptable ACK, which the caller
 * refines (an ACK of our FIN, text, a FIN).
 */
enum edutcp_event edutcp_classify(const struct edutcp_view *v,
				  const struct edutcp_seg *seg)
{
	u8 f = seg->flags;

	if (edutcp_paws_reject(v, seg))
		return EDUTCP_EV_RCV_BAD_SEQ;
	if (!edutcp_seq_acceptable(v->rcv_nxt, v->rcv_wnd, seg))
		return f & EDUTCP_RST ? EDUTCP_EV_RCV_RST_IGNORED :
					EDUTCP_EV_RCV_BAD_SEQ;
	if (f & EDUTCP_RST)
		return seg->seq == v->rcv_nxt || v->no_rfc5961 ?
		       EDUTCP_EV_RCV_RST : EDUTCP_EV_RCV_RST_IN_WINDOW;
	if ((f & EDUTCP_SYN) && v->no_rfc5961)
		return EDUTCP_EV_RCV_SYN_IN_WINDOW;
	if (f & EDUTCP_SYN)
		return f & EDUTCP_ACK ? EDUTCP_EV_RCV_SYN_ACK : EDUTCP_EV_RCV_SYN;
	if (!(f & EDUTCP_ACK))
		return EDUTCP_EV_RCV_NO_ACK;
	if (!edutcp_ack_acceptable(v, seg->ack))
		return EDUTCP_EV_RCV_BAD_ACK;
	return EDUTCP_EV_RCV_ACK;
}

/**
 * edutcp_icmp_acceptable() - RFC 5927 §4.1: may an ICMP error be believed?
 * @v: the connection's numbers
 * @seq: the sequence number of the segment the ICMP message quotes
 *
 * Only if it quotes one sent and not yet acknowledged: SND.UNA =< seq <
 * SND.NXT. A blind attacker must then guess a sequence number in flight
 * to reset a connection or to lower its MSS.
 *
 * Return: true to act on it.
 */
bool edutcp_icmp_acceptable(const struct edutcp_view *v, u32 seq)
{
	return seqno_in(seq, v->snd_una, v->snd_nxt);
}
