// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the delayed-ACK engine, when to acknowledge text at once and
 * how long to wait otherwise, as Linux's TCP decides it (RFC 9293 §3.8.6.3
 * and RFC 1122 4.2.3.2 allow the delay, MUST-40 bounds it):
 *
 *   quick-ACK mode   the first text of a connection, and text after a
 *                    silence longer than the RTO, is acknowledged segment
 *                    by segment for a while (up to 16 ACKs, fewer for a
 *                    small window), so the sender's slow start and a
 *                    request's reply are not held by the timer
 *   ping-pong        a connection that answers what it receives within
 *                    the delay is interactive: its ACKs wait to ride on
 *                    the answer; a delayed ACK that had to go alone ends it
 *   the delay (ATO)  follows the gaps between arrivals, between delack_ms
 *                    and 200 ms, and no longer than the RTT
 *
 * Pure functions of struct edutcp_ato and the times given (jiffies), so
 * KUnit checks each rule; recv.c, output.c and sockopt.c carry them out.
 */
#include <linux/jiffies.h>
#include <linux/minmax.h>

#include "stream.h"

/* TCP_MAX_QUICKACKS: the most ACKs one entry to quick-ACK mode sends */
#define EDUTCP_MAX_QUICKACKS	16U

/*
 * More quick ACKs: one for every two segments the window offered holds,
 * 2 at least, EDUTCP_MAX_QUICKACKS at most; never fewer than are left.
 */
static void edutcp_ato_more_quick(struct edutcp_ato *a, u32 rcv_wnd,
				  u32 rcv_mss)
{
	u32 n = rcv_mss ? rcv_wnd / (2 * rcv_mss) : 0;

	n = clamp(n, 2U, EDUTCP_MAX_QUICKACKS);
	if (n > a->quick)
		a->quick = n;
}

/**
 * edutcp_ato_rcv() - text arrived in order
 * @a: the engine
 * @now: jiffies
 * @small: the segment was shorter than the largest yet (a write's end)
 * @rcv_wnd: the window offered
 * @rcv_mss: the largest segment text received
 * @rto: the retransmission timeout, jiffies
 * @lim: the bounds of the delay
 *
 * The first text starts quick-ACK mode with the shortest delay. Later,
 * the delay moves towards the gap since the last arrival: arrivals close
 * together shrink it, slower ones grow it (not past the RTO); a gap
 * longer than the RTO means the sender had stopped, and quick ACKs help
 * it start again.
 */
void edutcp_ato_rcv(struct edutcp_ato *a, unsigned long now, bool small,
		    u32 rcv_wnd, u32 rcv_mss, u32 rto,
		    const struct edutcp_ato_limits *lim)
{
	u32 m = now - a->lrcv;

	if (!a->ato) {
		edutcp_ato_more_quick(a, rcv_wnd, rcv_mss);
		a->ato = lim->min;
	} else if (m <= lim->min / 2) {
		a->ato = a->ato / 2 + lim->min / 2;
	} else if (m < a->ato) {
		a->ato = min3(a->ato / 2 + m, rto, lim->max);
	} else if (m > rto) {
		edutcp_ato_more_quick(a, rcv_wnd, rcv_mss);
	}
	a->ato = max(a->ato, lim->min);
	a->lrcv = now;
	if (small)
		a->pushed = min(a->pushed + 1, 2);
}

/**
 * edutcp_ato_enter_quick() - acknowledge at once for a while, from now
 * @a: the engine
 * @rcv_wnd: the window offered
 * @rcv_mss: the largest segment text received
 * @lim: the bounds of the delay
 *
 * For text that came again (its ACK was lost, or is late): the sender
 * is waiting, so it is not an interactive exchange.
 */
void edutcp_ato_enter_quick(struct edutcp_ato *a, u32 rcv_wnd, u32 rcv_mss,
			    const struct edutcp_ato_limits *lim)
{
	edutcp_ato_more_quick(a, rcv_wnd, rcv_mss);
	a->pingpong = 0;
	a->ato = lim->min;
}

/**
 * edutcp_ato_data_sent() - we sent text
 * @a: the engine
 * @now: jiffies
 *
 * Sent within the delay of the last arrival, it is an answer: the
 * connection is interactive (ping-pong), and its ACKs wait to go with
 * the answers.
 */
void edutcp_ato_data_sent(struct edutcp_ato *a, unsigned long now)
{
	if (a->ato && (u32)(now - a->lrcv) < a->ato)
		a->pingpong = 1;
}

/**
 * edutcp_ato_now() - is text to be acknowledged at once?
 * @a: the engine
 *
 * Return: true in quick-ACK mode, unless the connection is interactive.
 */
bool edutcp_ato_now(const struct edutcp_ato *a)
{
	return a->quick && !a->pingpong;
}

/**
 * edutcp_ato_acked() - an ACK of new text went
 * @a: the engine
 * @lim: the bounds of the delay
 *
 * It uses up one quick ACK; the last one leaves quick-ACK mode with the
 * shortest delay.
 */
void edutcp_ato_acked(struct edutcp_ato *a, const struct edutcp_ato_limits *lim)
{
	a->pushed = 0;
	if (!a->quick)
		return;
	if (!--a->quick)
		a->ato = lim->min;
}

/**
 * edutcp_ato_delay() - how long the delayed-ACK timer waits
 * @a: the engine
 * @srtt: the smoothed RTT, jiffies; 0 before any measurement
 * @lim: the bounds of the delay
 *
 * The ATO, no longer than the RTT (an ACK later than a round trip tells
 * the sender nothing it could use), nor than @lim->max.
 *
 * Return: jiffies, at least 1.
 */
u32 edutcp_ato_delay(const struct edutcp_ato *a, u32 srtt,
		     const struct edutcp_ato_limits *lim)
{
	u32 ato = a->ato ?: lim->min;

	if (ato > lim->min && srtt)
		ato = min(ato, max(srtt, lim->min));
	return clamp(ato, 1U, lim->max);
}

/**
 * edutcp_ato_missed() - the delayed-ACK timer had to send the ACK alone
 * @a: the engine
 * @rto: the retransmission timeout, jiffies
 * @lim: the bounds of the delay
 *
 * No answer came to carry it: an interactive connection is no longer
 * taken as one, and the delay falls back to the shortest; otherwise the
 * arrivals are slower than the delay, which doubles (to the RTO at most).
 */
void edutcp_ato_missed(struct edutcp_ato *a, u32 rto,
		       const struct edutcp_ato_limits *lim)
{
	if (a->pingpong) {
		a->pingpong = 0;
		a->ato = lim->min;
	} else {
		a->ato = max(min3(a->ato * 2, rto, lim->max), lim->min);
	}
}

/**
 * edutcp_ato_on_read() - the reader emptied the receive queue: ACK now?
 * @a: the engine
 *
 * Return: true when the ACK owed is for a small segment (the end of a
 * write) and the connection is not interactive, or for two of them: the
 * sender is likely waiting for it (Nagle), and no answer may come.
 */
bool edutcp_ato_on_read(const struct edutcp_ato *a)
{
	return a->pushed >= 2 || (a->pushed && !a->pingpong);
}
