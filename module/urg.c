// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: urgent data (RFC 9293 §3.8.5), with the out-of-band byte
 * Linux's TCP makes of it, as programs written for TCP expect:
 *
 *   send(MSG_OOB)   the write's last byte is urgent: segments before it
 *                   carry URG and an urgent pointer to the byte after it,
 *                   and Nagle or a cork does not hold them
 *   the receiver    takes the byte the pointer marks out of the stream
 *                   (unless SO_OOBINLINE), for recv(MSG_OOB); a read of
 *                   the stream stops at the mark (SIOCATMARK); SIGURG
 *                   tells the owner, poll() says EPOLLPRI
 *
 * RFC 6093 §3: the pointer is read as most stacks read it (BSD, Linux),
 * pointing just past the urgent byte, not at it as RFC 1122 had it; one
 * byte only; and new programs should not use urgent data at all (§5).
 * The caller holds the socket.
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"

/**
 * edutcp_urg_mark() - a write with MSG_OOB has queued its text
 * @sk: the socket
 *
 * Its last byte is urgent: SND.UP is the sequence number after it.
 */
void edutcp_urg_mark(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);

	es->snd_up = es->write_seq;
	es->urg_mode = 1;
}

/**
 * edutcp_urg_ptr() - the urgent pointer for a segment at @seq
 * @es: the socket
 * @seq: its sequence number
 * @ptr: set to SEG.UP, counted from @seq, at most 65535
 *
 * Return: true when the segment is to carry URG: it starts before SND.UP.
 */
bool edutcp_urg_ptr(const struct edutcp_sock *es, u32 seq, u16 *ptr)
{
	if (!es->urg_mode || !seqno_lt(seq, es->snd_up))
		return false;
	*ptr = min_t(u32, es->snd_up - seq, 0xffff);
	return true;
}

/**
 * edutcp_urg_acked() - SND.UNA moved: urgent mode ends past SND.UP
 * @es: the socket
 */
void edutcp_urg_acked(struct edutcp_sock *es)
{
	if (es->urg_mode && seqno_ge(es->snd_una, es->snd_up))
		es->urg_mode = 0;
}

/**
 * edutcp_urg_rcv() - a segment in the window carries URG
 * @sk: the socket
 * @seg: the segment
 *
 * The urgent byte is the one before SEG.SEQ + SEG.UP (RFC 6093's
 * reading). One already read or passed, or not newer than the one
 * known, changes nothing; a new one is signalled (SIGURG) and waited
 * for (edutcp_urg_arrived()).
 */
void edutcp_urg_rcv(struct sock *sk, const struct edutcp_seg *seg)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 ptr = seg->seq + seg->up - !!seg->up;

	if (seqno_lt(ptr, es->copied_seq) || seqno_lt(ptr, es->rcv_nxt))
		return;
	if (es->urg_data && !seqno_gt(ptr, es->urg_seq))
		return;
	sk_send_sigurg(sk);
	WRITE_ONCE(es->urg_data, EDUTCP_URG_NOTYET);
	WRITE_ONCE(es->urg_seq, ptr);
}

/**
 * edutcp_urg_arrived() - in-order text came: is the urgent byte in it?
 * @sk: the socket
 *
 * The byte is kept for recv(MSG_OOB), and a reader woken.
 */
void edutcp_urg_arrived(struct sock *sk)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *skb;
	u8 c;

	if (es->urg_data != EDUTCP_URG_NOTYET || !seqno_lt(es->urg_seq, es->rcv_nxt))
		return;
	skb = edutcp_skb_holding(&sk->sk_receive_queue, es->urg_seq);
	if (!skb || seqno_lt(es->urg_seq, EDUTCP_SKB_CB(skb)->seq) ||
	    skb_copy_bits(skb, es->urg_seq - EDUTCP_SKB_CB(skb)->seq, &c, 1))
		return;
	WRITE_ONCE(es->urg_data, EDUTCP_URG_VALID | c);
	sk->sk_data_ready(sk);
}

/**
 * edutcp_urg_at_mark() - is the next byte to read the urgent one?
 * @es: the socket; lockless, for ioctl(SIOCATMARK) and poll()
 */
bool edutcp_urg_at_mark(const struct edutcp_sock *es)
{
	return READ_ONCE(es->urg_data) &&
		READ_ONCE(es->urg_seq) == READ_ONCE(es->copied_seq);
}

/**
 * edutcp_urg_only() - is all there is to read the urgent byte, out of line?
 * @sk: the socket; lockless, for poll()
 *
 * Return: true when the next byte is the urgent one, taken out of the
 * stream (no SO_OOBINLINE), and nothing follows it yet: not readable.
 */
bool edutcp_urg_only(const struct sock *sk)
{
	const struct edutcp_sock *es = edutcp_sk(sk);

	return edutcp_urg_at_mark(es) && !sock_flag(sk, SOCK_URGINLINE) &&
		READ_ONCE(es->rcv_nxt) - READ_ONCE(es->copied_seq) == 1;
}

/**
 * edutcp_urg_recv() - recv(MSG_OOB): the urgent byte, as Linux's TCP
 * @sk: the socket
 * @msg: where it goes
 * @len: room there
 * @flags: MSG_PEEK leaves it to read again; MSG_TRUNC reads it unseen
 *
 * Return: 1 (0 with no room: MSG_TRUNC set); -EINVAL with SO_OOBINLINE,
 * none or already read; -EAGAIN when it has not arrived (never blocks,
 * as BSD's and Linux's); 0 after the peer's FIN; -ENOTCONN.
 */
int edutcp_urg_recv(struct sock *sk, struct msghdr *msg, int len, int flags)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	int err = 0;
	char c;

	if (sock_flag(sk, SOCK_URGINLINE) || !es->urg_data ||
	    es->urg_data == EDUTCP_URG_READ)
		return -EINVAL;
	if (es->state == EDUTCP_CLOSED && !sock_flag(sk, SOCK_DONE))
		return -ENOTCONN;
	if (es->urg_data & EDUTCP_URG_VALID) {
		c = es->urg_data & 0xff;
		if (!(flags & MSG_PEEK))
			WRITE_ONCE(es->urg_data, EDUTCP_URG_READ);
		msg->msg_flags |= MSG_OOB;
		if (len <= 0) {
			msg->msg_flags |= MSG_TRUNC;
			return 0;
		}
		if (!(flags & MSG_TRUNC))
			err = memcpy_to_msg(msg, &c, 1);
		return err ? -EFAULT : 1;
	}
	if (es->state == EDUTCP_CLOSED || (sk->sk_shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;
}
