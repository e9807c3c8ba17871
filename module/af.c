// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the socket layer of the family, the proto_ops behind socket(2),
 * close(2) and the other socket calls.
 *
 * Locking: process context holds the socket lock (lock_sock) while it
 * changes a socket.
 */
#include <linux/net.h>
#include <linux/socket.h>
#include <linux/atomic.h>
#include <net/sock.h>

#include "edutcp.h"
#include "trace.h"

static atomic64_t edutcp_next_id = ATOMIC64_INIT(0);

struct proto edutcp_prot = {
	.name		= "EDUTCP",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct edutcp_sock),
};

static int edutcp_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	trace_edutcp_sock_release(sk);
	lock_sock(sk);
	sock_orphan(sk);
	release_sock(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/*
 * The socket calls. .family here is the default number whatever family=
 * says: the kernel reads proto_ops.family only to recognise particular
 * families (net/core/scm.c looks for PF_UNIX); the number in force is in
 * edutcp_family_ops and in every socket's sk_family.
 */
static const struct proto_ops edutcp_ops = {
	.family		= PF_EDUTCP,
	.owner		= THIS_MODULE,
	.release	= edutcp_release,
	.bind		= sock_no_bind,
	.connect	= sock_no_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= sock_no_accept,
	.getname	= sock_no_getname,
	.ioctl		= sock_no_ioctl,
	.listen		= sock_no_listen,
	.shutdown	= sock_no_shutdown,
	.sendmsg	= sock_no_sendmsg,
	.recvmsg	= sock_no_recvmsg,
	.mmap		= sock_no_mmap,
};

/**
 * edutcp_create() - socket(AF_EDUTCP, type, protocol)
 * @net: the caller's network namespace
 * @sock: the socket the socket layer allocated
 * @protocol: 0, or IPPROTO_TCP as AF_INET would take for SOCK_STREAM
 * @kern: whether the socket is the kernel's own
 *
 * Answers a wrong type or protocol with the errno AF_INET gives for one.
 *
 * Return: 0 or a negative errno.
 */
static int edutcp_create(struct net *net, struct socket *sock, int protocol,
			 int kern)
{
	struct sock *sk;

	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	if (sock->type != SOCK_STREAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != 0 && protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;

	sk = sk_alloc(net, edutcp_family, GFP_KERNEL, &edutcp_prot, kern);
	if (!sk)
		return -ENOMEM;
	sock->ops = &edutcp_ops;
	sock->state = SS_UNCONNECTED;
	sock_init_data(sock, sk);
	/*
	 * Never IPPROTO_TCP: generic code takes a SOCK_STREAM socket with
	 * that protocol for a struct tcp_sock.
	 */
	sk->sk_protocol = edutcp_ipproto;
	edutcp_sk(sk)->id = atomic64_inc_return(&edutcp_next_id);
	trace_edutcp_sock_create(sk);
	return 0;
}

struct net_proto_family edutcp_family_ops = {
	.create	= edutcp_create,
	.owner	= THIS_MODULE,
};

/**
 * edutcp_af_set_family() - set the family number to register
 * @family: the value of the family= module parameter
 *
 * Called once at module load, before the family is registered.
 */
void edutcp_af_set_family(int family)
{
	edutcp_family_ops.family = family;
}
