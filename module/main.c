// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: module load and unload.
 *
 * Load checks the parameters, then registers, in this order, the socket
 * proto, the per network namespace state (counters, /proc/net/edutcp),
 * the IP protocol and last the address family, so that no socket can
 * exist before everything it needs does. Unload undoes it in reverse.
 * A parameter that cannot be honoured fails the load with a message
 * saying why, and leaves nothing registered.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/protocol.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include "edutcp.h"
#include "fsm.h"

int edutcp_family = AF_EDUTCP;
module_param_named(family, edutcp_family, int, 0444);
MODULE_PARM_DESC(family, "address family number to register (default 23)");

int edutcp_ipproto = EDUTCP_IPPROTO;
module_param_named(ipproto, edutcp_ipproto, int, 0444);
MODULE_PARM_DESC(ipproto, "IP protocol number of edutcp segments (default 253)");

unsigned int edutcp_net_id __read_mostly;

static int __net_init edutcp_net_init(struct net *net)
{
	int err;

	edutcp_hash_init_net(net);
	err = edutcp_tw_init_net(net);
	if (err)
		return err;
	err = edutcp_stats_init_net(net);
	if (err)
		goto out_tw;
	err = edutcp_sysctl_init_net(net);
	if (err)
		goto out_stats;
	err = edutcp_proc_init_net(net);
	if (err)
		goto out_sysctl;
	err = edutcp_lesson_init_net(net);
	if (err)
		goto out_proc;
	return 0;
out_proc:
	edutcp_lesson_exit_net(net);
	edutcp_proc_exit_net(net);
out_sysctl:
	edutcp_sysctl_exit_net(net);
out_stats:
	edutcp_stats_exit_net(net);
out_tw:
	edutcp_tw_purge_net(net);
	return err;
}

/*
 * A namespace goes away only when no user socket holds it; its TIME_WAIT
 * records (which hold nothing) are freed here.
 */
static void __net_exit edutcp_net_exit(struct net *net)
{
	edutcp_tw_purge_net(net);
	edutcp_proc_exit_net(net);
	edutcp_sysctl_exit_net(net);
	edutcp_stats_exit_net(net);
}

/* Before the namespace's devices go: what lessons hold must not outlive them. */
static void __net_exit edutcp_net_pre_exit(struct net *net)
{
	edutcp_lesson_exit_net(net);
}

static struct pernet_operations edutcp_net_ops = {
	.init	= edutcp_net_init,
	.pre_exit = edutcp_net_pre_exit,
	.exit	= edutcp_net_exit,
	.id	= &edutcp_net_id,
	.size	= sizeof(struct edutcp_net),
};

static int __init edutcp_check_params(void)
{
	if (edutcp_family <= AF_UNSPEC || edutcp_family >= NPROTO) {
		pr_err("family=%d is out of range: it must be 1 to %d\n",
		       edutcp_family, NPROTO - 1);
		return -EINVAL;
	}
	/* 0 is IPv6's hop-by-hop header, 255 is reserved (IPPROTO_RAW). */
	if (edutcp_ipproto < 1 || edutcp_ipproto > 254) {
		pr_err("ipproto=%d is out of range: it must be 1 to 254\n",
		       edutcp_ipproto);
		return -EINVAL;
	}
	return 0;
}

static int __init edutcp_init(void)
{
	int err;

	err = edutcp_check_params();
	if (err)
		return err;
	err = edutcp_fsm_init();
	if (err)
		return err;
	edutcp_isn_init();
	edutcp_cookie_init();
	edutcp_af_set_family(edutcp_family);
	err = edutcp_mem_init(&edutcp_prot);
	if (err)
		return err;
	err = proto_register(&edutcp_prot, 1);
	if (err)
		goto out_mem;
	err = register_pernet_subsys(&edutcp_net_ops);
	if (err)
		goto out_proto;
	if (inet_add_protocol(&edutcp_net_protocol, edutcp_ipproto) < 0) {
		pr_err("ipproto=%d: IP protocol %d is already registered\n",
		       edutcp_ipproto, edutcp_ipproto);
		err = -EBUSY;
		goto out_pernet;
	}
	err = edutcp_gso_init();
	if (err) {
		pr_err("ipproto=%d: an offload for it is already registered\n",
		       edutcp_ipproto);
		goto out_inet;
	}
	err = sock_register(&edutcp_family_ops);
	if (err) {
		pr_err("family=%d: cannot register the address family (%s)\n",
		       edutcp_family,
		       err == -EEXIST ? "already registered" : "out of range");
		goto out_gso;
	}
	pr_info("loaded: family %d, IP protocol %d\n", edutcp_family,
		edutcp_ipproto);
	return 0;

out_gso:
	edutcp_gso_exit();
out_inet:
	inet_del_protocol(&edutcp_net_protocol, edutcp_ipproto);
out_pernet:
	unregister_pernet_subsys(&edutcp_net_ops);
out_proto:
	proto_unregister(&edutcp_prot);
out_mem:
	edutcp_mem_exit();
	return err;
}

static void __exit edutcp_exit(void)
{
	sock_unregister(edutcp_family);
	edutcp_gso_exit();
	inet_del_protocol(&edutcp_net_protocol, edutcp_ipproto);
	unregister_pernet_subsys(&edutcp_net_ops);
	proto_unregister(&edutcp_prot);
	edutcp_mem_exit();
	pr_info("unloaded\n");
}

module_init(edutcp_init);
module_exit(edutcp_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("edutcp: a teaching TCP as a socket family of its own");
MODULE_ALIAS_NETPROTO(AF_EDUTCP);
