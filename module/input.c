// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the receive path, the handler IPv4 calls for every packet of
 * protocol edutcp_ipproto addressed to this host.
 *
 * Runs in softirq context.
 */
#include <linux/skbuff.h>
#include <linux/netdevice.h>
#include <net/protocol.h>

#include "edutcp.h"

static int edutcp_v4_rcv(struct sk_buff *skb)
{
	edutcp_inc_stats(dev_net(skb->dev), EDUTCP_MIB_INSEGS);
	/* No socket can take a segment yet: drop it. */
	kfree_skb(skb);
	return 0;
}

static int edutcp_v4_err(struct sk_buff *skb, u32 info)
{
	return 0;
}

const struct net_protocol edutcp_net_protocol = {
	.handler	= edutcp_v4_rcv,
	.err_handler	= edutcp_v4_err,
	.no_policy	= 1,
};
