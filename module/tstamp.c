// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the timestamps option of a connection (RFC 7323 §3-5), carried
 * out; what is acceptable is classify.c's (PAWS, edutcp_paws_reject()).
 *
 *   clock     TSval is a millisecond clock plus an offset drawn at random
 *             for each connection (RFC 7323 §5.4: a clock seen by one
 *             peer tells nothing of another's)
 *   offer     our SYN carries the option with net.edutcp.timestamps; the
 *             connection has it only if both SYNs did (§3.2)
 *   echo      TS.Recent takes SEG.TSval of an acceptable segment that
 *             starts at or before Last.ACK.sent and is not older (§4.3),
 *             so an ACK echoes the earliest segment it acknowledges
 *   RTTM      an ACK of new data echoes when what it acknowledges was
 *             sent: a round-trip sample, even for text sent again,
 *             where Karn's rule leaves the timed segment none (§4.1)
 *
 * The caller holds the socket.
 */
#include <linux/random.h>
#include <linux/ktime.h>
#include <linux/timekeeping.h>

#include "edutcp.h"
#include "seq.h"

/*
 * Our TSval now: a millisecond clock (RFC 7323 §5.4: 1 ms to 1 s a tick)
 * plus the connection's offset @off.
 */
u32 edutcp_ts_val(u32 off)
{
	return (u32)div_u64(ktime_get_ns(), NSEC_PER_MSEC) + off;
}

/**
 * edutcp_ts_offer() - what our SYN offers: timestamps or not
 * @sk: the socket, about to send a SYN (connect())
 * @laddr: the address it will send from
 * @raddr: the address it connects to
 */
void edutcp_ts_offer(struct sock *sk, __be32 laddr, __be32 raddr)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	es->ts_ok = !!READ_ONCE(edutcp_sysctls(sk)->timestamps);
	es->ts_off = edutcp_ts_offset(laddr, raddr);
	es->ts_recent = 0;
	es->ts_recent_stamp = 0;
}

/**
 * edutcp_ts_fill() - the timestamps option of a segment going out
 * @es: the connection
 * @o: its options; gets EDUTCP_OPT_TS with TSval and TSecr when the
 *	connection has timestamps (or offers them, in its SYN)
 *
 * TSecr is TS.Recent, 0 in a first SYN (no TSval is known yet).
 */
void edutcp_ts_fill(const struct edutcp_sock *es, struct edutcp_opts *o)
{
	if (!es->ts_ok)
		return;
	o->has |= EDUTCP_OPT_TS;
	o->tsval = edutcp_ts_val(es->ts_off);
	o->tsecr = es->synced ? es->ts_recent : 0;
}

/**
 * edutcp_ts_synced() - the peer's SYN arrived: timestamps agreed or not
 * @es: the connection (SYN_SENT, or a simultaneous open)
 * @seg: the peer's SYN
 */
void edutcp_ts_synced(struct edutcp_sock *es, const struct edutcp_seg *seg)
{
	if (!es->ts_ok || !(seg->opt.has & EDUTCP_OPT_TS)) {
		es->ts_ok = 0;
		return;
	}
	edutcp_ts_agreed(es, seg->opt.tsval);
}

/**
 * edutcp_ts_agreed() - both SYNs carried timestamps: start with them
 * @es: the connection, @es->mss the MSS without options
 * @tsval: the TSval to echo first (TS.Recent)
 */
void edutcp_ts_agreed(struct edutcp_sock *es, u32 tsval)
{
	es->ts_ok = 1;
	es->ts_recent = tsval;
	es->ts_recent_stamp = ktime_get_seconds();
	/* every segment from now on carries the option: less room for text */
	es->mss -= EDUTCP_TS_ALIGNED;
}

/**
 * edutcp_ts_paws_valid() - does TS.Recent still count (RFC 7323 §5.5)?
 * @ts_ok: the connection has timestamps
 * @stamp: when TS.Recent was set (seconds; it is from the peer's SYN on)
 * @now: ktime_get_seconds()
 *
 * After 24 days idle the peer's clock may have wrapped past half its
 * space: TS.Recent is then invalid, and an older TSval is no proof of
 * an old segment.
 *
 * Return: true if PAWS is to test segments against TS.Recent.
 */
bool edutcp_ts_paws_valid(bool ts_ok, time64_t stamp, time64_t now)
{
	return ts_ok && now - stamp <= EDUTCP_PAWS_IDLE_SECS;
}

/**
 * edutcp_ts_update() - an acceptable segment arrived: take its TSval?
 * @es: the connection
 * @seg: the segment, found acceptable (classify.c, PAWS included)
 *
 * RFC 7323 §4.3 (2): SEG.TSval >= TS.Recent and SEG.SEQ =<
 * Last.ACK.sent. A TS.Recent that has gone invalid (§5.5) is replaced
 * whatever the new value is.
 */
void edutcp_ts_update(struct edutcp_sock *es, const struct edutcp_seg *seg)
{
	time64_t now = ktime_get_seconds();

	if (!es->ts_ok || !(seg->opt.has & EDUTCP_OPT_TS) ||
	    seqno_gt(seg->seq, es->ack_sent))
		return;
	if ((s32)(seg->opt.tsval - es->ts_recent) < 0 &&
	    edutcp_ts_paws_valid(true, es->ts_recent_stamp, now))
		return;
	es->ts_recent = seg->opt.tsval;
	es->ts_recent_stamp = now;
}

/**
 * edutcp_ts_rtt_us() - RTTM: the round trip an ACK's TSecr measures
 * @now: our TSval now (edutcp_ts_val())
 * @tsecr: SEG.TSecr of an ACK of new data
 *
 * A TSecr of 0 echoes nothing (a peer's first segments); one from the
 * future (after @now) or more than a day back was never ours to send:
 * neither is trusted (RFC 7323 §4.1, §5.2).
 *
 * Return: the sample in microseconds, at least one tick; 0 for none.
 */
u32 edutcp_ts_rtt_us(u32 now, u32 tsecr)
{
	s32 ms = (s32)(now - tsecr);

	if (!tsecr || ms < 0 || ms > 86400 * MSEC_PER_SEC)
		return 0;
	return max(ms, 1) * USEC_PER_MSEC;
}
