// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: window arithmetic, RFC 9293 §3.8.6: what window a receiver
 * offers, and how much a sender may send now, each avoiding the silly
 * window syndrome; the sender's rule is also Nagle's (§3.7.4).
 */
#include <linux/minmax.h>

#include "stream.h"
#include "seq.h"

/**
 * edutcp_rcv_window() - the window to advertise (RFC 9293 §3.8.6.2.2)
 * @rcv_nxt: RCV.NXT
 * @edge: the right edge last offered, RCV.NXT + RCV.WND of the last
 *	segment sent
 * @space: what the receive buffer can still take, in bytes of text
 * @mss: Eff.snd.MSS of the peer
 * @buf: the whole receive buffer, in bytes of text
 *
 * The edge moves right only when it can move by min(buf / 2, MSS), so
 * the peer is never offered a sliver; it never moves left (the window
 * does not shrink, §3.8.6 "SHOULD NOT shrink").
 *
 * Return: RCV.WND, counted from @rcv_nxt.
 */
u32 edutcp_rcv_window(u32 rcv_nxt, u32 edge, u32 space, u32 mss, u32 buf)
{
	u32 cur = seqno_gt(edge, rcv_nxt) ? edge - rcv_nxt : 0;

	if (space >= cur + min(buf / 2, mss))
		return space;
	return cur;
}

/**
 * edutcp_send_len() - how much of the next segment to send now
 * @queued: bytes waiting to be sent in the next piece of the send queue
 * @last: they are the last bytes the user has written so far
 * @usable: what the windows allow: min(offered window, cwnd) less what
 *	is in flight
 * @max_wnd: the largest window the peer has offered
 * @mss: Eff.snd.MSS
 * @idle: nothing sent is unacknowledged
 * @nagle: what a partial segment at the tail waits for
 *
 * RFC 9293 §3.8.6.2.1: send a full segment; or all of a piece that
 * ends before the tail of the queue (old data sent again); a corked
 * tail waits for more text, as Linux's TCP_CORK and MSG_MORE hold it;
 * otherwise the tail goes when nothing is unacknowledged (Nagle,
 * §3.7.4), or always when Nagle is off; or at least half the largest
 * window offered goes. Otherwise wait for an ACK, or for the persist
 * timer to force it (which is also the bound on how long a cork holds).
 *
 * Return: bytes to send, 0 to wait.
 */
u32 edutcp_send_len(u32 queued, bool last, u32 usable, u32 max_wnd, u32 mss,
		    bool idle, enum edutcp_nagle nagle)
{
	u32 len = min3(queued, usable, mss);

	if (!len)
		return 0;
	if (len == mss || (len == queued && !last))
		return len;
	if (nagle == EDUTCP_NAGLE_CORK)
		return 0;
	if (len == queued && (idle || nagle == EDUTCP_NAGLE_OFF))
		return len;
	if (max_wnd && len >= max_wnd / 2)
		return len;
	return 0;
}
