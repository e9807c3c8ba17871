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
 * Two algorithms share all of it but the window a loss leaves and the
 * growth in congestion avoidance: NewReno's (halve; one SMSS per window)
 * and CUBIC's (cubic.c). The functions only update struct edutcp_cc
 * and say what to resend; send.c counts the flight, resends and runs
 * the timer.
 */
#include <linux/bits.h>
#include <linux/limits.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include "stream.h"
#include "seq.h"

/* no window a peer can offer is larger (RFC 7323 §2.3: 2^30 bytes) */
#define EDUTCP_CC_MAX_CWND	BIT(30)

static const char *const edutcp_cc_names[EDUTCP_CC_NR] = {
	[EDUTCP_CC_RENO] = "reno",
	[EDUTCP_CC_CUBIC] = "cubic",
};

/**
 * edutcp_cc_name() - an algorithm's name, as TCP_CONGESTION says it
 * @algo: enum edutcp_cc_algo
 *
 * Return: the name.
 */
const char *edutcp_cc_name(unsigned int algo)
{
	return edutcp_cc_names[algo < EDUTCP_CC_NR ? algo : EDUTCP_CC_RENO];
}

/**
 * edutcp_cc_find() - the algorithm of a name
 * @name: "reno" or "cubic"
 *
 * Return: its enum edutcp_cc_algo, or -ENOENT (TCP's answer for a name it
 * does not have).
 */
int edutcp_cc_find(const char *name)
{
	int i;

	for (i = 0; i < EDUTCP_CC_NR; i++)
		if (!strcmp(name, edutcp_cc_names[i]))
			return i;
	return -ENOENT;
}

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
	cc->algo = EDUTCP_CC_RENO;	/* the caller's choice follows */
	cc->mss = mss;
	cc->cwnd = edutcp_cc_initial_window(mss);
	cc->ssthresh = U32_MAX;		/* RFC 5681 §3.1: arbitrarily high */
	cc->acked_ca = 0;
	cc->recover = iss;
	cc->dupacks = 0;
	cc->in_recovery = 0;
	cc->w_max = 0;
	cc->prior_w_max = 0;
	cc->epoch_ms = 0;
}

/*
 * The ssthresh a loss leaves: RFC 5681 (4), max(FlightSize / 2, 2 * SMSS)
 * for NewReno; for CUBIC, RFC 9438 §4.6, cwnd * 0.7.
 */
static u32 edutcp_cc_decrease(struct edutcp_cc *cc, u32 flight)
{
	if (cc->algo == EDUTCP_CC_CUBIC)
		return edutcp_cubic_loss(cc);
	return max(flight / 2, 2U * cc->mss);
}

/**
 * edutcp_cc_new_ack() - an ACK that advanced SND.UNA
 * @cc: the state
 * @ack: SEG.ACK
 * @acked: bytes it newly acknowledged
 * @flight: bytes still outstanding after it
 * @now_ms: a millisecond clock (CUBIC's time)
 * @rtt_ms: the smoothed round-trip time (CUBIC looks one ahead)
 *
 * Return: EDUTCP_CC_PARTIAL_ACK when the first unacknowledged segment is
 * to be resent (RFC 6582 §3.2 step 5), else EDUTCP_CC_NONE.
 */
enum edutcp_cc_verdict edutcp_cc_new_ack(struct edutcp_cc *cc, u32 ack,
					 u32 acked, u32 flight, u32 now_ms,
					 u32 rtt_ms)
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
	if (cc->algo == EDUTCP_CC_CUBIC) {
		edutcp_cubic_ack(cc, acked, now_ms, rtt_ms);
		return EDUTCP_CC_NONE;
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
 * RFC 5681 (4): ssthresh halves the flight (CUBIC: 0.7 cwnd). NewReno (RFC 6582 §3.2
 * steps 2, 3) inflates cwnd by the three segments the duplicates say
 * have left; RFC 6675 §5 (4.2) sets cwnd to ssthresh, the pipe counting
 * what has left.
 */
void edutcp_cc_enter_recovery(struct edutcp_cc *cc, u32 flight, u32 snd_nxt)
{
	cc->recover = snd_nxt;
	cc->ssthresh = edutcp_cc_decrease(cc, flight);
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
 * RFC 5681 (4) and §3.1: ssthresh halves the flight (CUBIC's decrease
 * for CUBIC, RFC 9438 §4.8), cwnd is the loss window, one segment.
 * When the same segment times out again, ssthresh is held where the
 * first timeout put it.
 */
void edutcp_cc_timeout(struct edutcp_cc *cc, u32 flight, u32 snd_nxt,
		       bool again)
{
	if (!again)
		cc->ssthresh = edutcp_cc_decrease(cc, flight);
	cc->cwnd = cc->mss;
	cc->acked_ca = 0;
	cc->dupacks = 0;
	cc->in_recovery = 0;
	cc->recover = snd_nxt;
}
