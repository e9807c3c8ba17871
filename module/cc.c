// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: congestion control: slow start (counting bytes, RFC 3465) and
 * congestion avoidance (RFC 5681 §3.1), growing only a window in use
 * (RFC 7661), fast retransmit and NewReno fast recovery (RFC 6582
 * §3.2), or with SACK the window of RFC 6675 §5's recovery (the
 * scoreboard's pipe decides what is sent, sack.c), limited transmit
 * (RFC 3042), the initial window of RFC 6928.
 * Windows are in bytes.
 *
 * The functions only update struct edutcp_cc and say what to resend;
 * send.c counts the flight, resends and runs the timer.
 */
#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/minmax.h>

#include "stream.h"
#include "seq.h"

/* no window a peer can offer is larger (RFC 7323 §2.3: 2^30 bytes) */
#define EDUTCP_CC_MAX_CWND	BIT(30)

/* RFC 6928 §2: IW = min(10 * MSS, max(2 * MSS, 14600)). */
u32 edutcp_cc_initial_window(u32 mss)
{
	return min(10 * mss, max(2 * mss, 14600U));
}

/**
 * edutcp_cc_init() - the state of a new connection
 * @cc: the state
 * @mss: SMSS
 * @iss: our initial sequence number; RFC 6582 §3.2 step 1 sets recover
 *	to it
 * @sack: SACK was agreed: recovery by RFC 6675, not NewReno
 */
void edutcp_cc_init(struct edutcp_cc *cc, u32 mss, u32 iss, bool sack)
{
	cc->sack = sack;
	cc->mss = mss;
	cc->cwnd = edutcp_cc_initial_window(mss);
	cc->ssthresh = U32_MAX;		/* RFC 5681 §3.1: arbitrarily high */
	cc->acked_ca = 0;
	cc->recover = iss;
	cc->dupacks = 0;
	cc->in_recovery = 0;
}

/* RFC 5681 (4): ssthresh = max(FlightSize / 2, 2 * SMSS). */
static u32 edutcp_cc_half(const struct edutcp_cc *cc, u32 flight)
{
	return max(flight / 2, 2U * cc->mss);
}

/**
 * edutcp_cc_new_ack() - an ACK that advanced SND.UNA
 * @cc: the state
 * @ack: SEG.ACK
 * @acked: bytes it newly acknowledged
 * @flight: bytes still outstanding after it
 *
 * Return: EDUTCP_CC_PARTIAL_ACK when the first unacknowledged segment is
 * to be resent (RFC 6582 §3.2 step 5), else EDUTCP_CC_NONE.
 */
enum edutcp_cc_verdict edutcp_cc_new_ack(struct edutcp_cc *cc, u32 ack,
					 u32 acked, u32 flight)
{
	u32 used;

	cc->dupacks = 0;
	if (cc->in_recovery) {
		if (seqno_ge(ack, cc->recover)) {
			/* full acknowledgment: deflate (step 5, option 1) */
			cc->cwnd = min(cc->ssthresh,
				       max(flight, (u32)cc->mss) + cc->mss);
			cc->in_recovery = 0;
			cc->acked_ca = 0;
			return EDUTCP_CC_NONE;
		}
		/* RFC 6675: the pipe, not the window, follows the ACKs */
		if (cc->sack)
			return EDUTCP_CC_NONE;
		/* partial acknowledgment: deflate by what it acked */
		cc->cwnd -= min(acked, cc->cwnd - cc->mss);
		if (acked >= cc->mss)
			cc->cwnd += cc->mss;
		return EDUTCP_CC_PARTIAL_ACK;
	}
	/*
	 * RFC 7661's rule, by Linux's test: a window the sender does not
	 * fill (the peer's window or the application holds it back) is
	 * not grown. Slow start: half of it was in flight; avoidance: all.
	 */
	used = flight + acked;
	if (cc->cwnd < cc->ssthresh ? 2ULL * used < cc->cwnd :
				      used + cc->mss < cc->cwnd)
		return EDUTCP_CC_NONE;
	if (cc->cwnd < cc->ssthresh) {
		/*
		 * slow start, counting bytes (RFC 3465 §2.2) with no limit
		 * per ACK, as Linux's TCP counts them: an ACK of several
		 * segments (delayed, or of a super-segment) grows cwnd by
		 * all of them, so cwnd doubles each round trip whatever
		 * the receiver's ACKs cover. At ssthresh, the rest counts
		 * for congestion avoidance.
		 */
		if (acked < cc->ssthresh - cc->cwnd) {
			cc->cwnd = min(cc->cwnd + acked, EDUTCP_CC_MAX_CWND);
			return EDUTCP_CC_NONE;
		}
		acked -= cc->ssthresh - cc->cwnd;
		cc->cwnd = cc->ssthresh;
	}
	/* congestion avoidance (RFC 5681 (3)): one SMSS per cwnd acked */
	cc->acked_ca += acked;
	while (cc->acked_ca >= cc->cwnd && cc->cwnd < EDUTCP_CC_MAX_CWND) {
		cc->acked_ca -= cc->cwnd;
		cc->cwnd += cc->mss;
	}
	return EDUTCP_CC_NONE;
}

/**
 * edutcp_cc_dup_ack() - a duplicate ACK (RFC 5681 §2's five conditions)
 * @cc: the state
 * @ack: SEG.ACK (= SND.UNA)
 * @flight: bytes outstanding
 * @snd_nxt: SND.NXT
 *
 * Return: EDUTCP_CC_FAST_RETRANSMIT on the third in a row, unless the
 * ACK does not cover "recover" (RFC 6582 §3.2 step 2: the losses are
 * of a window already recovered from).
 */
enum edutcp_cc_verdict edutcp_cc_dup_ack(struct edutcp_cc *cc, u32 ack,
					 u32 flight, u32 snd_nxt)
{
	if (cc->dupacks < U8_MAX)
		cc->dupacks++;
	if (cc->in_recovery) {
		if (!cc->sack)
			cc->cwnd += cc->mss;	/* step 4: inflate */
		return EDUTCP_CC_NONE;
	}
	if (cc->dupacks != EDUTCP_DUPTHRESH || !seqno_gt(ack, cc->recover))
		return EDUTCP_CC_NONE;
	edutcp_cc_enter_recovery(cc, flight, snd_nxt);
	return EDUTCP_CC_FAST_RETRANSMIT;
}

/**
 * edutcp_cc_enter_recovery() - a loss: fast recovery begins
 * @cc: the state
 * @flight: bytes outstanding (FlightSize)
 * @snd_nxt: SND.NXT: recover, and RFC 6675's RecoveryPoint
 *
 * RFC 5681 (4): ssthresh halves the flight. NewReno (RFC 6582 §3.2
 * steps 2, 3) inflates cwnd by the three segments the duplicates say
 * have left; RFC 6675 §5 (4.2) sets cwnd to ssthresh, the pipe counting
 * what has left.
 */
void edutcp_cc_enter_recovery(struct edutcp_cc *cc, u32 flight, u32 snd_nxt)
{
	cc->recover = snd_nxt;
	cc->ssthresh = edutcp_cc_half(cc, flight);
	cc->cwnd = cc->ssthresh + (cc->sack ? 0 : EDUTCP_DUPTHRESH * cc->mss);
	cc->in_recovery = 1;
}

/**
 * edutcp_cc_send_window() - how much may be in flight now
 * @cc: the state
 *
 * cwnd, plus RFC 3042's limited transmit: on each of the first two
 * duplicate ACKs one more new segment may go, so a small window still
 * produces the three duplicates fast retransmit needs.
 *
 * Return: bytes.
 */
u32 edutcp_cc_send_window(const struct edutcp_cc *cc)
{
	if (!cc->in_recovery && cc->dupacks && cc->dupacks < 3)
		return cc->cwnd + cc->dupacks * cc->mss;
	return cc->cwnd;
}

/**
 * edutcp_cc_timeout() - the retransmission timer expired
 * @cc: the state
 * @flight: bytes outstanding when it expired
 * @snd_nxt: SND.NXT; recover takes it (RFC 6582 §3.2 step 4 note)
 * @again: the same data timed out before (a backed-off timer)
 *
 * RFC 5681 (4) and §3.1: ssthresh halves the flight, cwnd is the loss
 * window, one segment. When the same segment times out again, ssthresh
 * is held where the first timeout put it.
 */
void edutcp_cc_timeout(struct edutcp_cc *cc, u32 flight, u32 snd_nxt,
		       bool again)
{
	if (!again)
		cc->ssthresh = edutcp_cc_half(cc, flight);
	cc->cwnd = cc->mss;
	cc->acked_ca = 0;
	cc->dupacks = 0;
	cc->in_recovery = 0;
	cc->recover = snd_nxt;
}
