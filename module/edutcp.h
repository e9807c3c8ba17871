/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: what the module's files share: the socket, the per network
 * namespace state, the module parameters, and each file's entry points.
 */
#ifndef _EDUTCP_H
#define _EDUTCP_H

#include <linux/types.h>
#include <net/inet_sock.h>
#include <net/netns/generic.h>
#include <linux/edutcp.h>

#include "stats.h"

/* Module parameters (main.c): the family and IP protocol in force. */
extern int edutcp_family;
extern int edutcp_ipproto;

/**
 * struct edutcp_sock - an edutcp socket
 * @inet: the generic IPv4 socket (addresses, ports, TTL), first member
 * @id: a number no other edutcp socket since the load has had; trace
 *	events name sockets by it
 */
struct edutcp_sock {
	struct inet_sock inet;
	u64 id;
};

static inline struct edutcp_sock *edutcp_sk(const struct sock *sk)
{
	return (struct edutcp_sock *)sk;
}

/**
 * struct edutcp_net - edutcp's state in one network namespace
 * @mib: the counters of /proc/net/edutcp/snmp, per CPU
 * @proc_dir: /proc/net/edutcp
 */
struct edutcp_net {
	struct edutcp_mib __percpu *mib;
	struct proc_dir_entry *proc_dir;
};

extern unsigned int edutcp_net_id;

static inline struct edutcp_net *edutcp_pernet(const struct net *net)
{
	return net_generic(net, edutcp_net_id);
}

/* af.c: the socket layer */
extern struct proto edutcp_prot;
extern struct net_proto_family edutcp_family_ops;
void edutcp_af_set_family(int family);

/* input.c: the receive path */
extern const struct net_protocol edutcp_net_protocol;

/* stats.c: counters */
int edutcp_stats_init_net(struct net *net);
void edutcp_stats_exit_net(struct net *net);

/* proc.c: /proc/net/edutcp */
int edutcp_proc_init_net(struct net *net);
void edutcp_proc_exit_net(struct net *net);

#endif /* _EDUTCP_H */
