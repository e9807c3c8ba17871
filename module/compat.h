/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: every difference between the kernel lines edutcp builds for
 * (Debian's 6.1 and 6.12), in one place. Each is tested by feature where
 * the headers show one, else by the mainline release that brought the
 * change (EDUTCP_KERNEL_AT_LEAST, the one use of LINUX_VERSION_CODE).
 */
#ifndef _EDUTCP_COMPAT_H
#define _EDUTCP_COMPAT_H

#include <linux/version.h>
#include <linux/net.h>
#include <linux/sysctl.h>
#include <net/inet_sock.h>
#include <net/net_namespace.h>

/* the kernel built against is version a.b or later */
#define EDUTCP_KERNEL_AT_LEAST(a, b) (KERNEL_VERSION(a, b, 0) <= LINUX_VERSION_CODE)

/* 6.12: asm/unaligned.h became linux/unaligned.h. */
#if EDUTCP_KERNEL_AT_LEAST(6, 12)
#include <linux/unaligned.h>
#else
#include <asm/unaligned.h>
#endif

/* 6.10: sk_memory_allocated() and its kin moved to net/proto_memory.h. */
#if EDUTCP_KERNEL_AT_LEAST(6, 10)
#include <net/proto_memory.h>
#endif

/* 6.11: sysctl handlers take a const table. */
#if EDUTCP_KERNEL_AT_LEAST(6, 11)
#define EDUTCP_CTL_TABLE const struct ctl_table
#else
#define EDUTCP_CTL_TABLE struct ctl_table
#endif

/*
 * 6.5: register_net_sysctl_sz() takes the table's size (and
 * register_net_sysctl() became a macro around it); tables no longer need
 * an empty last entry. edutcp's tables keep the empty entry and pass the
 * size without it.
 */
static inline struct ctl_table_header *
edutcp_register_sysctl(struct net *net, const char *path,
		       struct ctl_table *table, size_t n)
{
#ifdef register_net_sysctl
	return register_net_sysctl_sz(net, path, table, n);
#else
	return register_net_sysctl(net, path, table);
#endif
}

/* 6.10: proto_ops.accept takes struct proto_accept_arg. */
#if EDUTCP_KERNEL_AT_LEAST(6, 10)
#define EDUTCP_ACCEPT_ARGS struct proto_accept_arg *arg
#define EDUTCP_ACCEPT_FLAGS (arg->flags)
#define EDUTCP_ACCEPT_KERN (arg->kern)
#else
#define EDUTCP_ACCEPT_ARGS int flags, bool kern
#define EDUTCP_ACCEPT_FLAGS (flags)
#define EDUTCP_ACCEPT_KERN (kern)
#endif

/*
 * 6.5: sendfile() and splice() hand a socket pages through sendmsg with
 * MSG_SPLICE_PAGES (skb_splice_from_iter()); before, through
 * proto_ops.sendpage, MSG_SENDPAGE_NOTLAST on all but the last page.
 * (Debian's 6.1 defines MSG_SPLICE_PAGES, unused: the version decides.)
 */
#if EDUTCP_KERNEL_AT_LEAST(6, 5)
#define EDUTCP_SPLICE_PAGES
#define EDUTCP_MSG_NOTLAST 0
#else
#define EDUTCP_MSG_NOTLAST MSG_SENDPAGE_NOTLAST
#endif

/* 6.6: inet_sock's option bit fields became bits of inet_flags. */
static inline bool edutcp_bind_no_port(struct sock *sk)
{
#if EDUTCP_KERNEL_AT_LEAST(6, 6)
	return inet_test_bit(BIND_ADDRESS_NO_PORT, sk);
#else
	return inet_sk(sk)->bind_address_no_port;
#endif
}

/* 6.16: from_timer() is renamed timer_container_of(). */
#ifndef timer_container_of
#define timer_container_of(var, timer, field) from_timer(var, timer, field)
#endif

#endif /* _EDUTCP_COMPAT_H */
