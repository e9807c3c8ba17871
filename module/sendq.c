// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: text into the send queue, from wherever a write brings it:
 * the user's bytes, copied into page fragments; or, for sendfile() and
 * splice(), the file's own pages, referenced without a copy (sendmsg
 * with MSG_SPLICE_PAGES since 6.5, proto_ops.sendpage before). Either
 * way the text joins the tail entry while it has room, so small writes
 * coalesce, and is charged to SO_SNDBUF (sk_wmem_queued) and to the
 * protocol's memory (net.edutcp.mem, mem.c). The caller holds the socket.
 */
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/sock.h>

#include "compat.h"
#include "edutcp.h"

/* The most text one send queue entry holds. */
#define EDUTCP_SKB_MAX	(64 * 1024)

/* The entry new text goes into: the tail, if it is text with room. */
static struct sk_buff *edutcp_tail_for_text(struct sock *sk, bool *fresh)
{
	struct sk_buff *skb = skb_peek_tail(&sk->sk_write_queue);

	*fresh = false;
	if (skb && skb->len && skb->len < EDUTCP_SKB_MAX &&
	    skb_shinfo(skb)->nr_frags < MAX_SKB_FRAGS)
		return skb;
	skb = alloc_skb(0, sk->sk_allocation);
	if (skb) {
		EDUTCP_SKB_CB(skb)->seq = edutcp_sk(sk)->write_seq;
		EDUTCP_SKB_CB(skb)->end_seq = edutcp_sk(sk)->write_seq;
		EDUTCP_SKB_CB(skb)->flags = 0;
		/* entries are never sent as they are: no checksum to keep */
		skb->ip_summed = CHECKSUM_PARTIAL;
		*fresh = true;
	}
	return skb;
}

/* @n bytes of @page from @off onto the end of @skb, joining its last piece */
static void edutcp_add_page(struct sk_buff *skb, struct page *page, int off,
			    int n)
{
	int i = skb_shinfo(skb)->nr_frags;

	if (skb_can_coalesce(skb, i, page, off)) {
		skb_frag_size_add(&skb_shinfo(skb)->frags[i - 1], n);
	} else {
		get_page(page);
		skb_fill_page_desc(skb, i, page, off, n);
	}
	skb->len += n;
	skb->data_len += n;
	skb->truesize += n;
}

/* Copy @n bytes from the user into the socket's page fragment, then @skb. */
static int edutcp_copy_page(struct sock *sk, struct sk_buff *skb,
			    struct msghdr *msg, int n)
{
	struct page_frag *pfrag = sk_page_frag(sk);

	if (!copy_from_iter_full(page_address(pfrag->page) + pfrag->offset, n,
				 &msg->msg_iter))
		return -EFAULT;
	edutcp_add_page(skb, pfrag->page, pfrag->offset, n);
	pfrag->offset += n;
	return n;
}

/* Reference the pages a splice brings (6.5 on), no copy; bytes taken. */
static int edutcp_splice_pages(struct sock *sk, struct sk_buff *skb,
			       struct msghdr *msg, int n)
{
#ifdef EDUTCP_SPLICE_PAGES
	return skb_splice_from_iter(skb, &msg->msg_iter, n, sk->sk_allocation);
#else
	return -EOPNOTSUPP;
#endif
}

/**
 * edutcp_sendq_add() - put text at the end of the send queue
 * @sk: the socket
 * @src: where the text is; its iterator or offset moves past what is taken
 * @want: bytes left to take
 *
 * Takes what fits in the tail entry (or a new one), up to @want.
 *
 * Return: bytes taken; -ENOMEM when the protocol's memory is out (wait,
 * edutcp_wait_memory()), -ENOBUFS, -EFAULT.
 */
int edutcp_sendq_add(struct sock *sk, struct edutcp_src *src, size_t want)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct page_frag *pfrag = sk_page_frag(sk);
	bool copy = !src->page && !(src->msg->msg_flags & MSG_SPLICE_PAGES);
	struct sk_buff *skb;
	int n, base;
	bool fresh;

	if (copy && !sk_page_frag_refill(sk, pfrag))
		return -ENOBUFS;
	skb = edutcp_tail_for_text(sk, &fresh);
	if (!skb)
		return -ENOBUFS;
	n = min_t(size_t, want, EDUTCP_SKB_MAX - skb->len);
	if (copy)
		n = min_t(int, n, pfrag->size - pfrag->offset);
	/* the protocol's memory first (net.edutcp.mem, mem.c) */
	base = fresh ? skb->truesize : 0;
	if (!sk_wmem_schedule(sk, n + base)) {
		n = -ENOMEM;
		goto fail;
	}
	if (src->page) {
		edutcp_add_page(skb, src->page, src->offset, n);
		src->offset += n;
	} else if (copy) {
		n = edutcp_copy_page(sk, skb, src->msg, n);
	} else {
		n = edutcp_splice_pages(sk, skb, src->msg, n);
	}
	if (n <= 0)
		goto fail;
	EDUTCP_SKB_CB(skb)->end_seq += n;
	es->write_seq += n;
	es->wq_bytes += n;
	if (fresh)
		__skb_queue_tail(&sk->sk_write_queue, skb);
	sk_wmem_queued_add(sk, n + base);
	sk_mem_charge(sk, n + base);
	return n;
fail:
	if (fresh)
		kfree_skb(skb);
	return n ?: -EFAULT;
}
