// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: sendmsg and recvmsg, the user's side of the byte stream.
 *
 * sendmsg (and sendpage before 6.5) puts the text into the send queue
 * (sendq.c: copied, or the pages of a sendfile referenced) and pushes;
 * it blocks, or fails with EAGAIN, while the buffer is full or the
 * memory out. A write's end is marked for PSH unless MSG_MORE.
 * recvmsg copies from the receive queue from copied_seq on; MSG_PEEK
 * copies without moving it, MSG_WAITALL waits for all of it. What a read
 * frees may open the window: recv.c decides whether to say so.
 *
 * Locking: lock_sock() around both; waits release it (sk_wait_event).
 */
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/sock.h>

#include "compat.h"
#include "edutcp.h"
#include "seq.h"

/**
 * edutcp_writable() - may poll say EPOLLOUT
 * @sk: the socket
 *
 * As Linux's stream sockets: the free send buffer is at least half of
 * what is queued, so a writer is woken for a useful amount.
 *
 * Return: true when a write would make progress.
 */
bool edutcp_writable(const struct sock *sk)
{
	int queued = READ_ONCE(sk->sk_wmem_queued);

	return READ_ONCE(sk->sk_sndbuf) - queued >= queued / 2;
}

/**
 * edutcp_write_space() - sk_write_space: ACKs freed send buffer
 * @sk: the socket
 *
 * Wakes writers and pollers (EPOLLOUT) once the socket is writable, if
 * one found it full (SOCK_NOSPACE: set by a writer before it waits and
 * by poll before it says "not writable"), as TCP's tcp_check_space does:
 * not at every ACK, which would wake a reader that waits for the reply
 * to what it wrote before the reply is there.
 */
void edutcp_write_space(struct sock *sk)
{
	struct socket_wq *wq;

	/* the queue shrank before the flag is read; poll sets the flag
	 * before it looks at the queue (edutcp_poll)
	 */
	smp_mb();
	if (!sk->sk_socket || !test_bit(SOCK_NOSPACE, &sk->sk_socket->flags) ||
	    !edutcp_writable(sk))
		return;
	clear_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_sync_poll(&wq->wait, EPOLLOUT |
						EPOLLWRNORM | EPOLLWRBAND);
	if (wq && wq->fasync_list && !(sk->sk_shutdown & SEND_SHUTDOWN))
		sock_wake_async(wq, SOCK_WAKE_SPACE, POLL_OUT);
	rcu_read_unlock();
}

/* Wait until the connection can take data; 0 or a negative errno. */
static int edutcp_wait_established(struct sock *sk, long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	const struct edutcp_fsm_cell *cell;
	int err = 0;

	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		if (sk->sk_err) {
			err = sock_error(sk);
			break;
		}
		if (sk->sk_shutdown & SEND_SHUTDOWN) {
			err = -EPIPE;
			break;
		}
		cell = edutcp_fsm(edutcp_sk(sk)->state, EDUTCP_EV_SEND);
		if (cell->actions & EDUTCP_A_REJECT) {
			err = cell->err;
			break;
		}
		if (!(cell->actions & EDUTCP_A_WAIT))
			break;
		err = edutcp_wait_ok(*timeo);
		if (err)
			break;
		sk_wait_event(sk, timeo, !edutcp_connecting(sk), &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return err;
}

/* Wait for room in the send buffer; 0 or a negative errno. */
static int edutcp_wait_space(struct sock *sk, long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	int err;

	/* before EAGAIN too: an edge-triggered epoll is not asked again,
	 * only the ACK that frees room tells it (edutcp_write_space)
	 */
	set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
	err = edutcp_wait_ok(*timeo);
	if (err)
		return err;
	add_wait_queue(sk_sleep(sk), &wait);
	sk_wait_event(sk, timeo, sk->sk_err ||
		      (sk->sk_shutdown & SEND_SHUTDOWN) ||
		      edutcp_writable(sk), &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
	return 0;
}

/*
 * Past the protocol's hard memory limit (mem.c): wait for this socket's
 * queue to shrink, or a fifth of a second at most, as
 * sk_stream_wait_memory does, then try again; 0 or a negative errno.
 */
static int edutcp_wait_memory(struct sock *sk, long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	long left = get_random_u32_below(HZ / 5) + 2, t;
	int queued = sk->sk_wmem_queued, err;

	set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);	/* as above */
	err = edutcp_wait_ok(*timeo);
	if (err)
		return err;
	left = min(left, *timeo);
	t = left;
	add_wait_queue(sk_sleep(sk), &wait);
	sk_wait_event(sk, &t, sk->sk_err || (sk->sk_shutdown & SEND_SHUTDOWN) ||
		      sk->sk_wmem_queued < queued, &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
	if (*timeo != MAX_SCHEDULE_TIMEOUT)
		*timeo -= left - t;
	return 0;
}

/*
 * A write has put its text in the send queue. Unless MSG_MORE says more
 * follows, its last byte is marked for PSH, as TCP marks the end of each
 * write (output.c sets the flag on the segment that carries it), and the
 * tail goes as the socket's options let it; with MSG_MORE, a partial
 * segment waits, as under EDUTCP_CORK, for more text or the persist timer.
 */
static void edutcp_end_write(struct sock *sk, bool more)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);

	if (!more && skb && skb->len)
		EDUTCP_SKB_CB(skb)->flags |= EDUTCP_PSH;
	edutcp_push_as(sk, more ? EDUTCP_PUSH_MORE : EDUTCP_PUSH_NORMAL);
}

/*
 * A write of @size bytes from @src: into the send queue as the buffer
 * and the memory let it (sendq.c), pushed as it goes. Returns what was
 * taken, or an errno when nothing was.
 */
static int edutcp_write(struct sock *sk, struct edutcp_src *src, size_t size,
			int flags)
{
	size_t copied = 0;
	long timeo;
	int err = 0, n;

	lock_sock(sk);
	timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	while (copied < size) {
		err = edutcp_wait_established(sk, &timeo);
		if (err)
			break;
		if (READ_ONCE(sk->sk_wmem_queued) >= READ_ONCE(sk->sk_sndbuf)) {
			edutcp_push(sk);
			err = edutcp_wait_space(sk, &timeo);
			if (err)
				break;
			continue;
		}
		n = edutcp_sendq_add(sk, src, size - copied);
		if (n == -ENOMEM) {
			edutcp_push(sk);
			err = edutcp_wait_memory(sk, &timeo);
			if (err)
				break;
			continue;
		}
		if (n < 0) {
			err = n;
			break;
		}
		copied += n;
		if (copied < size)	/* the rest of the write follows */
			edutcp_push_as(sk, EDUTCP_PUSH_MORE);
	}
	if (copied) {
		if (flags & MSG_OOB)	/* its last byte is urgent (urg.c) */
			edutcp_urg_mark(sk);
		edutcp_end_write(sk, flags & (MSG_MORE | EDUTCP_MSG_NOTLAST));
	}
	release_sock(sk);
	if (copied)
		return copied;
	if (err == -EPIPE && !(flags & MSG_NOSIGNAL))
		send_sig(SIGPIPE, current, 0);
	return err;
}

int edutcp_sendmsg(struct socket *sock, struct msghdr *msg, size_t size)
{
	struct edutcp_src src = { .msg = msg };

	return edutcp_write(sock->sk, &src, size, msg->msg_flags);
}

#ifndef EDUTCP_SPLICE_PAGES
/**
 * edutcp_sendpage() - sendfile() and splice() before 6.5: a page, no copy
 * @sock: the socket
 * @page: the page, referenced by the send queue until acknowledged
 * @offset: where the text starts in it
 * @size: bytes
 * @flags: MSG_MORE or MSG_SENDPAGE_NOTLAST when more pages follow
 *
 * Return: bytes taken, or a negative errno.
 */
ssize_t edutcp_sendpage(struct socket *sock, struct page *page, int offset,
			size_t size, int flags)
{
	struct edutcp_src src = { .page = page, .offset = offset };

	return edutcp_write(sock->sk, &src, size, flags);
}
#endif

/* Why a read that found nothing (more) to copy stops; 0 to wait. */
static int edutcp_rcv_stop(struct sock *sk, long timeo)
{
	u8 state = edutcp_sk(sk)->state;

	/* the order of Linux's TCP: FIN, error, shutdown, state */
	if (sock_flag(sk, SOCK_DONE))
		return 1;
	if (sk->sk_err)
		return sock_error(sk);
	if (sk->sk_shutdown & RCV_SHUTDOWN)
		return 1;
	if (state == EDUTCP_CLOSED || state == EDUTCP_LISTEN)
		return -ENOTCONN;
	return edutcp_wait_ok(timeo);
}

/*
 * How much of @skb, from @seq, a read may take (at most @want): reads
 * stop at the urgent mark, and the urgent byte itself, when it is the
 * next one and not SO_OOBINLINE, is taken out of the stream (*@skip).
 * 0: the mark is reached after other bytes; stop there (SIOCATMARK).
 */
static u32 edutcp_take_len(struct sock *sk, struct sk_buff *skb, u32 seq,
			   u32 want, bool copied, bool *skip)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 n = min_t(u32, skb->len - (seq - EDUTCP_SKB_CB(skb)->seq), want);

	*skip = false;
	if (likely(!es->urg_data))
		return n;
	if (es->urg_seq == seq) {
		if (copied)
			return 0;
		if (!sock_flag(sk, SOCK_URGINLINE)) {
			*skip = true;
			return 1;
		}
	} else if (seqno_gt(es->urg_seq, seq) && es->urg_seq - seq < n) {
		n = es->urg_seq - seq;
	}
	return n;
}

int edutcp_recvmsg(struct socket *sock, struct msghdr *msg, size_t size,
		   int flags)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	struct sk_buff *skb;
	u32 peek_seq, *seq, off;
	int copied = 0, target, n, stop;
	bool skip;
	long timeo;

	lock_sock(sk);
	if (flags & MSG_OOB) {	/* the urgent byte (urg.c) */
		copied = edutcp_urg_recv(sk, msg, size, flags);
		release_sock(sk);
		return copied;
	}
	timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	target = sock_rcvlowat(sk, flags & MSG_WAITALL, size);
	peek_seq = es->copied_seq;
	seq = flags & MSG_PEEK ? &peek_seq : &es->copied_seq;
	while (copied < size) {
		skb = edutcp_skb_holding(&sk->sk_receive_queue, *seq);
		if (skb) {
			off = *seq - EDUTCP_SKB_CB(skb)->seq;
			n = edutcp_take_len(sk, skb, *seq, size - copied,
					    copied, &skip);
			if (!n)
				break;
			if (!skip && skb_copy_datagram_msg(skb, off, msg, n)) {
				copied = copied ?: -EFAULT;
				break;
			}
			*seq += n;
			copied += skip ? 0 : n;
			if (!(flags & MSG_PEEK) &&
			    *seq == EDUTCP_SKB_CB(skb)->end_seq) {
				__skb_unlink(skb, &sk->sk_receive_queue);
				kfree_skb(skb);
			}
			if (unlikely(es->urg_data) &&
			    seqno_gt(es->copied_seq, es->urg_seq))
				WRITE_ONCE(es->urg_data, 0);	/* read past it */
			continue;
		}
		if (copied >= target && !READ_ONCE(sk->sk_backlog.tail))
			break;
		if (copied >= target) {
			/* what came while we copied, as Linux's TCP: then on */
			__sk_flush_backlog(sk);
			continue;
		}
		stop = edutcp_rcv_stop(sk, timeo);
		if (stop) {
			if (!copied && stop < 0)
				copied = stop;
			break;
		}
		if (copied && !(flags & MSG_PEEK))
			edutcp_window_update(sk);	/* MSG_WAITALL */
		sk_wait_data(sk, &timeo, skb_peek_tail(&sk->sk_receive_queue));
	}
	if (copied > 0 && !(flags & MSG_PEEK))
		edutcp_window_update(sk);
	release_sock(sk);
	return copied;
}
