// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: super-segments (generic segmentation offload), as Linux's TCP
 * sends them. Each segment costs the IP layer, a qdisc such as netem, a
 * virtual link and the receiver the same work whatever its length; so to
 * a device that hands packets to this host's own stack (lo, veth), a run
 * of full-sized segments goes down as one skb of up to 64 KiB that says
 * how it would be cut (gso_size = the MSS). veth carries it whole to the
 * namespace at its other end, whose edutcp takes it as one segment: the
 * same bytes, the same sequence space, a fraction of the packets. A
 * capture on the link shows it as one long segment, as it shows Linux's.
 *
 *   which devices   lo and veth with TSO on (ethtool -K DEV tso off, or
 *                   ip link set DEV gso_max_segs 1, turns it off, as it
 *                   does for Linux's TCP); never a lesson (lesson.c plays the
 *                   network segment by segment); never hardware, which
 *                   would cut it as TCP and sum it with TCP's protocol
 *   cutting         when the kernel must cut one after all (forwarded
 *                   out of a namespace, a qdisc that needs it), the
 *                   offload registered for edutcp's IP protocol does:
 *                   each piece gets its sequence number, FIN and PSH
 *                   only on the last, and a checksum of its own
 */
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/protocol.h>

#include "edutcp.h"

/* the IP header, and ours with the most options it may have */
#define EDUTCP_GSO_HEADERS	(sizeof(struct iphdr) + EDUTCP_HDR_LEN + 40)

/**
 * edutcp_gso_route() - what a route's device lets one skb of @sk carry
 * @sk: the socket; its gso_room and gso_segs are set
 * @dev: the device
 *
 * Text up to the device's gso_max_size less the headers, in up to its
 * gso_max_segs pieces (ip link set DEV gso_max_segs 1 turns it off); 0
 * when every segment goes on its own.
 */
void edutcp_gso_route(struct sock *sk, const struct net_device *dev)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	u32 size = dev ? min_t(u32, READ_ONCE(dev->gso_max_size), 65536) : 0;

	es->gso_room = 0;
	es->gso_segs = 0;
	if (!dev || !(dev->features & NETIF_F_TSO) ||
	    size <= EDUTCP_GSO_HEADERS)
		return;
	if (!(dev->flags & IFF_LOOPBACK) &&
	    (!dev->rtnl_link_ops || strcmp(dev->rtnl_link_ops->kind, "veth")))
		return;
	es->gso_room = size - EDUTCP_GSO_HEADERS;
	es->gso_segs = min_t(u32, READ_ONCE(dev->gso_max_segs), U16_MAX);
}

/**
 * edutcp_gso_len() - the most text the next skb of a socket may carry
 * @sk: the socket
 *
 * Return: a multiple of its MSS, at least one MSS.
 */
u32 edutcp_gso_len(const struct sock *sk)
{
	const struct edutcp_sock *es = edutcp_sk(sk);
	u32 mss = max_t(u32, es->mss, 1);
	u32 segs = min_t(u32, es->gso_room / mss, es->gso_segs);

	if (segs < 2 || READ_ONCE(edutcp_pernet(sock_net(sk))->lesson_nr))
		return mss;
	return segs * mss;
}

/**
 * edutcp_gso_mark() - make a segment going out a super-segment
 * @skb: the segment, from its header on
 * @mss: the text each piece carries
 * @hlen: the header's length, options included
 *
 * Says how it is to be cut; its checksum is left partial, as on lo
 * (edutcp_send()), for edutcp_gso_segment() to finish piece by piece.
 */
void edutcp_gso_mark(struct sk_buff *skb, u32 mss, unsigned int hlen)
{
	skb_shinfo(skb)->gso_size = mss;
	skb_shinfo(skb)->gso_segs = DIV_ROUND_UP(skb->len - hlen, mss);
	skb_shinfo(skb)->gso_type = SKB_GSO_TCPV4;
}

/* One piece: its own full checksum, in software (any device takes it). */
static void edutcp_gso_sum(struct sk_buff *skb)
{
	struct edutcp_hdr *th = (struct edutcp_hdr *)skb_transport_header(skb);
	const struct iphdr *iph = ip_hdr(skb);
	int off = skb_transport_offset(skb), len = skb->len - off;

	th->check = 0;
	th->check = csum_tcpudp_magic(iph->saddr, iph->daddr, len,
				      edutcp_ipproto,
				      skb_checksum(skb, off, len, 0));
	skb->ip_summed = CHECKSUM_NONE;
}

/*
 * The offload's segment callback: @skb->data is at our header (the IP
 * layer's inet_gso_segment() took its own and fixes the pieces' IP
 * headers after). Returns the pieces, or an ERR_PTR.
 */
static struct sk_buff *edutcp_gso_segment(struct sk_buff *skb,
					  netdev_features_t features)
{
	struct sk_buff *segs, *p;
	struct edutcp_hdr *th;
	unsigned int doff;
	u8 flags;
	u32 seq;

	if (!(skb_shinfo(skb)->gso_type & SKB_GSO_TCPV4) ||
	    !pskb_may_pull(skb, EDUTCP_HDR_LEN))
		return ERR_PTR(-EINVAL);
	th = (struct edutcp_hdr *)skb->data;
	doff = (th->doff_res >> 4) * 4;
	if (doff < EDUTCP_HDR_LEN || !pskb_may_pull(skb, doff))
		return ERR_PTR(-EINVAL);
	th = (struct edutcp_hdr *)skb->data;
	seq = ntohl(th->seq);
	flags = th->flags;
	__skb_pull(skb, doff);
	if (skb->len <= skb_shinfo(skb)->gso_size)
		return ERR_PTR(-EINVAL);
	/* cut in software, summed in software: no device is trusted to */
	segs = skb_segment(skb, features & ~(NETIF_F_CSUM_MASK |
					     NETIF_F_GSO_MASK));
	if (IS_ERR_OR_NULL(segs))
		return segs;
	for (p = segs; p; p = p->next) {
		th = (struct edutcp_hdr *)skb_transport_header(p);
		th->seq = htonl(seq);
		th->flags = p->next ? flags & ~(EDUTCP_FIN | EDUTCP_PSH) : flags;
		seq += p->len - skb_transport_offset(p) - doff;
		edutcp_gso_sum(p);
	}
	return segs;
}

static const struct net_offload edutcp_offload = {
	.callbacks = {
		.gso_segment = edutcp_gso_segment,
	},
};

/* Module load and unload: the offload of edutcp's IP protocol. */
int edutcp_gso_init(void)
{
	return inet_add_offload(&edutcp_offload, edutcp_ipproto) ? -EBUSY : 0;
}

void edutcp_gso_exit(void)
{
	inet_del_offload(&edutcp_offload, edutcp_ipproto);
}
