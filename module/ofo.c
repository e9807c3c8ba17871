// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the out-of-order queue of a receiver (RFC 9293 §3.10.7.4,
 * seventh: segments beyond RCV.NXT are held until the gap before them
 * is filled).
 *
 * The queue is kept sorted by sequence number and never holds a byte
 * twice: a segment overlapping what is queued is trimmed to the bytes
 * that are new, segments it covers entirely are freed, and one that
 * brings nothing new is refused. Each skb holds text only, from its
 * EDUTCP_SKB_CB seq to end_seq; a FIN that came with it is in its flags.
 * The caller charges the skbs to the receive buffer and holds the socket;
 * when the buffer is full, the queue gives up its last segments for
 * text before them (edutcp_ofo_prune()).
 */
#include <linux/skbuff.h>
#include <net/sock.h>

#include "edutcp.h"
#include "seq.h"

/*
 * Drop @n bytes from the front of @skb. False when that needs memory
 * there is none of: the caller then drops the whole segment (nothing in
 * the queue is acknowledged yet, so the peer sends it again).
 */
static bool edutcp_ofo_trim_front(struct sk_buff *skb, u32 n)
{
	if (!pskb_pull(skb, n))
		return false;
	EDUTCP_SKB_CB(skb)->seq += n;
	return true;
}

/* Keep the first @n bytes of @skb; a FIN after them no longer follows. */
static bool edutcp_ofo_trim_back(struct sk_buff *skb, u32 n)
{
	if (pskb_trim(skb, n))
		return false;
	EDUTCP_SKB_CB(skb)->end_seq = EDUTCP_SKB_CB(skb)->seq + n;
	EDUTCP_SKB_CB(skb)->flags &= ~EDUTCP_FIN;
	return true;
}

/**
 * edutcp_ofo_insert() - queue a segment that arrived ahead of RCV.NXT
 * @q: the queue
 * @skb: the segment's text (may be empty if it carries FIN)
 *
 * Return: 0 when @skb was queued (the queue owns it), -EEXIST when every
 * byte of it is queued already, -ENOMEM when trimming it failed (in both
 * cases the caller still owns it and frees it).
 */
int edutcp_ofo_insert(struct sk_buff_head *q, struct sk_buff *skb)
{
	struct edutcp_skb_cb *cb = EDUTCP_SKB_CB(skb);
	struct sk_buff *prev = NULL, *next, *tmp;

	/* the last queued segment that starts at or before this one */
	skb_queue_reverse_walk(q, tmp) {
		if (seqno_le(EDUTCP_SKB_CB(tmp)->seq, cb->seq)) {
			prev = tmp;
			break;
		}
	}
	if (prev) {
		u32 pend = EDUTCP_SKB_CB(prev)->end_seq;

		if (seqno_ge(pend, cb->end_seq) &&
		    (!(cb->flags & EDUTCP_FIN) || pend != cb->end_seq ||
		     (EDUTCP_SKB_CB(prev)->flags & EDUTCP_FIN)))
			return -EEXIST;
		if (seqno_gt(pend, cb->seq) &&
		    !edutcp_ofo_trim_front(skb, pend - cb->seq))
			return -ENOMEM;
		__skb_queue_after(q, prev, skb);
	} else {
		__skb_queue_head(q, skb);
	}
	/* the segments after it: free the covered, trim before the next */
	while (!skb_queue_is_last(q, skb)) {
		next = skb_queue_next(q, skb);
		if (seqno_ge(EDUTCP_SKB_CB(next)->seq, cb->end_seq))
			break;
		if (seqno_gt(EDUTCP_SKB_CB(next)->end_seq, cb->end_seq)) {
			if (edutcp_ofo_trim_back(skb, EDUTCP_SKB_CB(next)->seq -
						 cb->seq))
				break;
			__skb_unlink(skb, q);
			return -ENOMEM;
		}
		if (EDUTCP_SKB_CB(next)->end_seq == cb->end_seq &&
		    (EDUTCP_SKB_CB(next)->flags & EDUTCP_FIN))
			cb->flags |= EDUTCP_FIN;
		__skb_unlink(next, q);
		kfree_skb(next);
	}
	return 0;
}

/**
 * edutcp_ofo_pull() - the next queued segment that is now in order
 * @q: the queue
 * @rcv_nxt: RCV.NXT
 *
 * Segments wholly before @rcv_nxt are freed on the way; the one returned
 * is trimmed to start at @rcv_nxt and is off the queue.
 *
 * Return: the segment, or NULL while a gap remains at @rcv_nxt.
 */
struct sk_buff *edutcp_ofo_pull(struct sk_buff_head *q, u32 rcv_nxt)
{
	struct sk_buff *skb;

	while ((skb = skb_peek(q))) {
		struct edutcp_skb_cb *cb = EDUTCP_SKB_CB(skb);

		if (seqno_gt(cb->seq, rcv_nxt))
			return NULL;
		__skb_unlink(skb, q);
		if ((seqno_gt(cb->end_seq, rcv_nxt) ||
		     (cb->end_seq == rcv_nxt && (cb->flags & EDUTCP_FIN))) &&
		    (!seqno_lt(cb->seq, rcv_nxt) ||
		     edutcp_ofo_trim_front(skb, rcv_nxt - cb->seq)))
			return skb;
		kfree_skb(skb);	/* old, or not trimmed: sent again */
	}
	return NULL;
}

/**
 * edutcp_ofo_prune() - free queued segments to make room for earlier text
 * @sk: the socket, whose receive buffer the queue is charged to
 * @q: the queue
 * @seq: where the arriving text starts: only segments after it go
 * @truesize: the arriving skb's size: freed until it fits the buffer
 *
 * From the highest sequence number down, as Linux's tcp_prune_ofo_queue:
 * the text nearest RCV.NXT is what lets the reader go on, and nothing
 * queued here has been acknowledged, so the peer sends what is freed
 * again. Without it, an out-of-order queue that filled the buffer would
 * keep out the very segment that fills its gap, for ever.
 *
 * Return: how many segments were freed.
 */
unsigned int edutcp_ofo_prune(struct sock *sk, struct sk_buff_head *q, u32 seq,
			      unsigned int truesize)
{
	struct sk_buff *skb;
	unsigned int n = 0;

	while (atomic_read(&sk->sk_rmem_alloc) + truesize >
	       READ_ONCE(sk->sk_rcvbuf) && (skb = skb_peek_tail(q)) &&
	       seqno_gt(EDUTCP_SKB_CB(skb)->seq, seq)) {
		__skb_unlink(skb, q);
		kfree_skb(skb);
		n++;
	}
	return n;
}
