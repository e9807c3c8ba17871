// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: buffer autotuning, so that one connection over a long path
 * fills it without its user setting SO_RCVBUF or SO_SNDBUF (the idea of
 * Linux's tcp_rcv_space_adjust and tcp_sndbuf_expand):
 *
 *   receive   once per round trip, the bytes the reader took in it; when
 *             that grew, the buffer is made room for twice as much, and
 *             more (the sender's slow start doubles per round trip), so
 *             the window offered stays ahead of the sender. The round
 *             trip is the time a window's worth of text takes to arrive
 *             (a receiver that sends no text has no other clock), else
 *             the handshake's.
 *   send      on each ACK that moves SND.UNA, the buffer holds twice the
 *             congestion window (at least ten segments), as the send
 *             queue's own skbs weigh it: one window in flight, one being
 *             written.
 *
 * Both only grow, up to net.edutcp.rmem's and wmem's maxima, never when
 * the user set the size (SOCK_RCVBUF_LOCK, SOCK_SNDBUF_LOCK) or the
 * protocol is under memory pressure. The caller holds the socket.
 */
#include <net/sock.h>

#include "edutcp.h"
#include "compat.h"
#include "seq.h"

/**
 * edutcp_rcvbuf_want() - the receive buffer a read rate asks for
 * @copied: bytes the reader took in the last round trip
 * @mss: the largest segment received
 *
 * Twice @copied, and 16 segments more, of text; the buffer is twice
 * that (edutcp_rcv_space() gives half of it to text).
 *
 * Return: bytes of buffer, at most INT_MAX.
 */
u32 edutcp_rcvbuf_want(u32 copied, u32 mss)
{
	u64 win = 2ULL * copied + 16ULL * mss;

	return min_t(u64, 2 * win, INT_MAX);
}

/**
 * edutcp_rcv_rtt_measure() - time a window's worth of text arriving
 * @sk: the socket; text in sequence has just arrived
 *
 * The first byte past the window offered at the start can only have
 * been sent after our ACK of the start reached the sender: the time
 * between is a round trip, or more. Samples are smoothed by 1/8.
 */
void edutcp_rcv_rtt_measure(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u64 now = edutcp_now_us();
	u32 sample;

	if (es->rcv_rtt_start_us && seqno_lt(es->rcv_nxt, es->rcv_rtt_seq))
		return;
	if (es->rcv_rtt_start_us) {
		sample = max_t(u64, now - es->rcv_rtt_start_us, 1);
		es->rcv_rtt_us = es->rcv_rtt_us ?
			es->rcv_rtt_us - es->rcv_rtt_us / 8 + sample / 8 : sample;
	}
	es->rcv_rtt_seq = es->rcv_nxt + max(edutcp_rcv_wnd_offered(es), 1U);
	es->rcv_rtt_start_us = now;
}

/**
 * edutcp_rcvbuf_adjust() - after a read: grow the receive buffer?
 * @sk: the socket
 */
void edutcp_rcvbuf_adjust(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 rtt = es->rcv_rtt_us ?: es->rtt.srtt_us, copied, want;
	u64 now = edutcp_now_us();

	if (!rtt || now - es->rcvq_start_us < rtt)
		return;
	copied = es->copied_seq - es->rcvq_seq;
	if (copied > es->rcvq_space) {
		es->rcvq_space = copied;
		/* no more than the sysctl, or than a window can say */
		want = min3(edutcp_rcvbuf_want(copied, es->rcv_mss),
			    (u32)READ_ONCE(edutcp_sysctls(sk)->rmem[2]),
			    (u32)EDUTCP_MAX_WINDOW << es->rcv_wscale << 1);
		if (!(sk->sk_userlocks & SOCK_RCVBUF_LOCK) &&
		    !sk_under_memory_pressure(sk) &&
		    want > (u32)READ_ONCE(sk->sk_rcvbuf))
			WRITE_ONCE(sk->sk_rcvbuf, want);
	}
	es->rcvq_seq = es->copied_seq;
	es->rcvq_start_us = now;
}

/**
 * edutcp_sndbuf_expand() - after an ACK: grow the send buffer?
 * @sk: the socket
 *
 * Return: true if it grew (a writer may be woken).
 */
bool edutcp_sndbuf_expand(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 mss = max_t(u32, es->mss, 1), segs;
	u64 want;

	if ((sk->sk_userlocks & SOCK_SNDBUF_LOCK) || !es->wq_bytes ||
	    sk_under_memory_pressure(sk))
		return false;
	segs = max(DIV_ROUND_UP(es->cc.cwnd, mss), 10U);
	/* the queue's own weight per byte: skb heads, page fragments */
	want = div_u64(2ULL * segs * mss * READ_ONCE(sk->sk_wmem_queued),
		       es->wq_bytes);
	want = min_t(u64, want, READ_ONCE(edutcp_sysctls(sk)->wmem[2]));
	if (want <= READ_ONCE(sk->sk_sndbuf))
		return false;
	WRITE_ONCE(sk->sk_sndbuf, want);
	return true;
}
