// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the socket layer of the family, the proto_ops behind socket(2),
 * bind, listen, connect, accept, send, recv, poll, shutdown and close.
 *
 * The calls that change a connection's state feed the state table an
 * event (conn.c) and wait for what they need; everything else (address
 * checks, errnos, blocking, signals, timeouts) is here, answered as
 * AF_INET's TCP answers it.
 *
 * Locking: process context holds the socket lock (lock_sock) while it
 * looks at or changes a socket; waits release it (sk_wait_event).
 */
#include <linux/atomic.h>
#include <linux/net.h>
#include <linux/sched/signal.h>
#include <linux/socket.h>
#include <net/ip.h>
#include <net/route.h>
#include <net/sock.h>

#include "edutcp.h"
#include "compat.h"
#include "trace.h"

static atomic64_t edutcp_next_id = ATOMIC64_INIT(0);

static void edutcp_destruct(struct sock *sk)
{
	__skb_queue_purge(&sk->sk_receive_queue);
	edutcp_wq_purge(sk);
	__skb_queue_purge(&edutcp_sk(sk)->ofo);
	edutcp_mem_sock_destroy(sk);
	sk_dst_reset(sk);	/* the route output.c kept */
}

struct proto edutcp_prot = {
	.name		= "EDUTCP",
	.owner		= THIS_MODULE,
	.obj_size	= sizeof(struct edutcp_sock),
	.backlog_rcv	= edutcp_backlog_rcv,
	.keepalive	= edutcp_keepalive,
};

/**
 * edutcp_sk_alloc() - a new edutcp socket
 * @net: its namespace
 * @sock: the user's socket, or NULL (a child of a listener)
 * @gfp: allocation flags
 * @kern: a socket of the kernel's own
 * @state: the state it is born in: CLOSED, or SYN_RCVD for a listener's
 *	child, which takes over from its SYN queue entry; every change after
 *	goes through edutcp_set_state()
 *
 * Return: the socket with one reference, or NULL.
 */
struct sock *edutcp_sk_alloc(struct net *net, struct socket *sock, gfp_t gfp,
			     int kern, enum edutcp_state state)
{
	struct edutcp_sock *es;
	struct sock *sk;

	sk = sk_alloc(net, edutcp_family, gfp, &edutcp_prot, kern);
	if (!sk)
		return NULL;
	sock_init_data(sock, sk);
	/* net.edutcp.rmem and wmem's initial sizes, as TCP's tcp_rmem */
	WRITE_ONCE(sk->sk_rcvbuf, READ_ONCE(edutcp_pernet(net)->sysctl.rmem[1]));
	WRITE_ONCE(sk->sk_sndbuf, READ_ONCE(edutcp_pernet(net)->sysctl.wmem[1]));
	/*
	 * Never IPPROTO_TCP: generic code takes a SOCK_STREAM socket with
	 * that protocol for a struct tcp_sock.
	 */
	sk->sk_protocol = edutcp_ipproto;
	/* the IPv4 layer's defaults, as inet_create() sets them */
	inet_sk(sk)->uc_ttl = -1;
	inet_sk(sk)->pmtudisc = IP_PMTUDISC_WANT;
	sk->sk_destruct = edutcp_destruct;
	sk->sk_backlog_rcv = edutcp_backlog_rcv;
	sk->sk_write_space = edutcp_write_space;
	es = edutcp_sk(sk);
	skb_queue_head_init(&es->ofo);
	es->id = atomic64_inc_return(&edutcp_next_id);
	es->state = state;
	es->mss = EDUTCP_DEFAULT_MSS;
	es->rto = EDUTCP_RTO_INIT;
	es->ca_algo = READ_ONCE(edutcp_sysctls(sk)->congestion_control);
	INIT_LIST_HEAD(&es->synq);
	INIT_LIST_HEAD(&es->acceptq);
	INIT_LIST_HEAD(&es->accept_node);
	edutcp_timer_init(sk);
	edutcp_mem_sock_init(sk);
	trace_edutcp_sock_create(sk);
	return sk;
}

/* Check a user's address: length and family, as AF_INET checks them. */
static int edutcp_check_addr(const struct sockaddr *uaddr, int len, bool bind)
{
	const struct sockaddr_edutcp *a = (const struct sockaddr_edutcp *)uaddr;

	if (len < (int)sizeof(*a))
		return -EINVAL;
	if (a->sin_family == edutcp_family)
		return 0;
	/* bind() takes AF_UNSPEC with INADDR_ANY, for old programs */
	if (bind && a->sin_family == AF_UNSPEC &&
	    a->sin_addr.s_addr == htonl(INADDR_ANY))
		return 0;
	return -EAFNOSUPPORT;
}

static int edutcp_bind(struct socket *sock, struct sockaddr *uaddr, int len)
{
	const struct sockaddr_edutcp *a = (const struct sockaddr_edutcp *)uaddr;
	struct sock *sk = sock->sk;
	struct net *net = sock_net(sk);
	u16 port;
	int err;

	err = edutcp_check_addr(uaddr, len, true);
	if (err)
		return err;
	port = ntohs(a->sin_port);
	if (port && inet_port_requires_bind_service(net, port) &&
	    !ns_capable(net->user_ns, CAP_NET_BIND_SERVICE))
		return -EACCES;
	/* an address not this host's: only with IP_FREEBIND (or
	 * IP_TRANSPARENT, or net.ipv4.ip_nonlocal_bind), as for TCP
	 */
	if (a->sin_addr.s_addr != htonl(INADDR_ANY) &&
	    inet_addr_type(net, a->sin_addr.s_addr) != RTN_LOCAL &&
	    !inet_can_nonlocal_bind(net, inet_sk(sk)))
		return -EADDRNOTAVAIL;
	lock_sock(sk);
	if (edutcp_sk(sk)->state != EDUTCP_CLOSED || edutcp_sk(sk)->bound) {
		err = -EINVAL;
	} else if (!port && edutcp_bind_no_port(sk)) {
		/* IP_BIND_ADDRESS_NO_PORT: the address now, a port at connect */
		inet_sk(sk)->inet_rcv_saddr = a->sin_addr.s_addr;
		inet_sk(sk)->inet_saddr = a->sin_addr.s_addr;
		err = 0;
	} else {
		err = edutcp_bind_port(sk, a->sin_addr.s_addr, port, true);
	}
	release_sock(sk);
	return err;
}

/*
 * Before a blocking call waits again: EAGAIN once its time is up (or it
 * may not block), the signal's errno if one is pending, else 0.
 */
int edutcp_wait_ok(long timeo)
{
	if (!timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return sock_intr_errno(timeo);
	return 0;
}

bool edutcp_connecting(const struct sock *sk)
{
	u8 state = READ_ONCE(edutcp_sk(sk)->state);

	return state == EDUTCP_SYN_SENT || state == EDUTCP_SYN_RCVD;
}

/**
 * edutcp_start_connect() - start an active open: addresses, port, ISS,
 *	then the SYN
 * @sk: the socket, CLOSED, held by the caller (lock_sock)
 * @a: the peer's address, checked by the caller
 *
 * Does not wait: connect() waits after it; KUnit calls it directly to
 * start two opens at once (simultaneous open).
 *
 * Return: 0 or a negative errno.
 */
int edutcp_start_connect(struct sock *sk, const struct sockaddr_edutcp *a)
{
	struct edutcp_sock *es = edutcp_sk(sk);
	struct inet_sock *inet = inet_sk(sk);
	struct net *net = sock_net(sk);
	struct flowi4 fl4;
	struct rtable *rt;
	int err;

	if (!a->sin_port)
		return -ECONNREFUSED;	/* no segment may carry port 0 */
	rt = ip_route_output_ports(net, &fl4, NULL, a->sin_addr.s_addr,
				   inet->inet_saddr, a->sin_port,
				   inet->inet_sport, edutcp_ipproto, 0,
				   sk->sk_bound_dev_if);
	if (IS_ERR(rt))
		return PTR_ERR(rt);
	if (rt->rt_flags & (RTCF_MULTICAST | RTCF_BROADCAST)) {
		ip_rt_put(rt);
		return -ENETUNREACH;
	}
	es->mss = edutcp_user_mss(sk, edutcp_mtu_mss(dst_mtu(&rt->dst)));
	ip_rt_put(rt);
	edutcp_wscale_offer(sk);
	edutcp_ts_offer(sk, fl4.saddr, a->sin_addr.s_addr);
	edutcp_sack_offer(sk);
	if (!es->bound) {
		err = edutcp_bind_port(sk, fl4.saddr, 0, true);
		if (err)
			return err;
	}
	inet->inet_saddr = fl4.saddr;
	inet->inet_daddr = a->sin_addr.s_addr;
	inet->inet_dport = a->sin_port;
	err = edutcp_hash_connect(sk);
	if (err) {
		inet->inet_daddr = 0;
		inet->inet_dport = 0;
		return err;
	}
	es->iss = edutcp_isn(net, inet->inet_saddr, inet->inet_sport,
			     inet->inet_daddr, inet->inet_dport, true);
	es->rto = EDUTCP_RTO_INIT;
	es->retries = 0;
	es->passive = 0;
	WRITE_ONCE(sk->sk_err, 0);
	edutcp_inc_stats(net, EDUTCP_MIB_ACTIVEOPENS);
	return edutcp_event(sk, EDUTCP_EV_OPEN_ACTIVE, NULL, NULL);
}

static int edutcp_connect(struct socket *sock, struct sockaddr *uaddr,
			  int len, int flags)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	const struct edutcp_fsm_cell *cell;
	long timeo;
	int err;

	err = edutcp_check_addr(uaddr, len, false);
	if (err)
		return err;
	lock_sock(sk);
	switch (sock->state) {
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	default:
		cell = edutcp_fsm(es->state, EDUTCP_EV_OPEN_ACTIVE);
		if ((cell->actions & EDUTCP_A_REJECT) || es->synced) {
			err = cell->err ?: -EISCONN;
			goto out;
		}
		err = edutcp_start_connect(sk, (const struct sockaddr_edutcp *)uaddr);
		if (err)
			goto out;
		sock->state = SS_CONNECTING;
		err = -EINPROGRESS;
	}

	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	if (edutcp_connecting(sk)) {
		if (!timeo)
			goto out;	/* EINPROGRESS or EALREADY */
		add_wait_queue(sk_sleep(sk), &wait);
		while (edutcp_connecting(sk) && timeo) {
			if (signal_pending(current))
				break;
			sk_wait_event(sk, &timeo, !edutcp_connecting(sk), &wait);
		}
		remove_wait_queue(sk_sleep(sk), &wait);
		if (edutcp_connecting(sk)) {
			err = signal_pending(current) ? sock_intr_errno(timeo) :
							-EINPROGRESS;
			goto out;
		}
	}
	if (es->state == EDUTCP_CLOSED) {
		/* refused, timed out, or reset */
		err = sock_error(sk) ?: -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		goto out;
	}
	sock->state = SS_CONNECTED;
	err = 0;
out:
	release_sock(sk);
	return err;
}

static int edutcp_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	int somaxconn = READ_ONCE(sock_net(sk)->core.sysctl_somaxconn);
	int err = -EINVAL;

	lock_sock(sk);
	if (sock->state != SS_UNCONNECTED || sock->type != SOCK_STREAM)
		goto out;
	if ((unsigned int)backlog > somaxconn)
		backlog = somaxconn;
	WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
	if (es->state == EDUTCP_LISTEN) {
		err = 0;
		goto out;
	}
	err = edutcp_fsm(es->state, EDUTCP_EV_OPEN_PASSIVE)->err;
	if (err)
		goto out;
	if (!es->bound) {
		err = edutcp_bind_port(sk, htonl(INADDR_ANY), 0, true);
		if (err)
			goto out;
	}
	if (edutcp_port_has_listener(sk)) {
		err = -EADDRINUSE;
		goto out;
	}
	edutcp_event(sk, EDUTCP_EV_OPEN_PASSIVE, NULL, NULL);
	edutcp_hash_listen(sk);
out:
	release_sock(sk);
	return err;
}

static int edutcp_accept(struct socket *sock, struct socket *newsock,
			 EDUTCP_ACCEPT_ARGS)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = sock->sk, *child = NULL;
	struct edutcp_sock *es = edutcp_sk(sk);
	long timeo;
	int err = 0;

	lock_sock(sk);
	timeo = sock_rcvtimeo(sk, EDUTCP_ACCEPT_FLAGS & O_NONBLOCK);
	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		if (es->state != EDUTCP_LISTEN) {
			err = -EINVAL;
			break;
		}
		child = edutcp_accept_dequeue(sk);
		if (child)
			break;
		err = edutcp_wait_ok(timeo);
		if (err)
			break;
		sk_wait_event(sk, &timeo, !list_empty(&es->acceptq) ||
			      es->state != EDUTCP_LISTEN, &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	release_sock(sk);
	if (!child)
		return err;
	lock_sock(child);
	sock_graft(child, newsock);
	newsock->state = SS_CONNECTED;
	release_sock(child);
	return 0;
}

static int edutcp_getname(struct socket *sock, struct sockaddr *uaddr,
			  int peer)
{
	struct sockaddr_edutcp *a = (struct sockaddr_edutcp *)uaddr;
	struct sock *sk = sock->sk;
	const struct inet_sock *inet = inet_sk(sk);
	u8 state = READ_ONCE(edutcp_sk(sk)->state);

	memset(a, 0, sizeof(*a));
	a->sin_family = edutcp_family;
	if (peer) {
		if (!inet->inet_dport ||
		    ((state == EDUTCP_CLOSED || state == EDUTCP_SYN_SENT) &&
		     peer == 1))
			return -ENOTCONN;
		a->sin_port = inet->inet_dport;
		a->sin_addr.s_addr = inet->inet_daddr;
	} else {
		a->sin_port = inet->inet_sport;
		a->sin_addr.s_addr = inet->inet_rcv_saddr ?: inet->inet_saddr;
	}
	return sizeof(*a);
}

static __poll_t edutcp_poll(struct file *file, struct socket *sock,
			    poll_table *wait)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	u8 state, shutdown;
	__poll_t mask = 0;

	sock_poll_wait(file, sock, wait);
	state = READ_ONCE(es->state);
	if (state == EDUTCP_LISTEN)
		return list_empty_careful(&es->acceptq) ? 0 :
			EPOLLIN | EPOLLRDNORM;
	shutdown = READ_ONCE(sk->sk_shutdown);
	if (shutdown == SHUTDOWN_MASK || state == EDUTCP_CLOSED)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;
	if (state != EDUTCP_SYN_SENT && state != EDUTCP_SYN_RCVD) {
		/* the urgent byte alone, out of line, is not to read */
		if (!skb_queue_empty_lockless(&sk->sk_receive_queue) &&
		    !edutcp_urg_only(sk))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (READ_ONCE(es->urg_data) & EDUTCP_URG_VALID)
			mask |= EPOLLPRI;	/* recv(MSG_OOB) has it */
		if ((shutdown & SEND_SHUTDOWN) || edutcp_writable(sk)) {
			mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			/* the ACK that frees room wakes us (write_space);
			 * the flag first, then a second look, so that an
			 * ACK between the two is not missed
			 */
			sk_set_bit(SOCKWQ_ASYNC_NOSPACE, sk);
			set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
			/* the flag before the queue's size (write_space) */
			smp_mb__after_atomic();
			if (edutcp_writable(sk))
				mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	return mask;
}

static int edutcp_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es = edutcp_sk(sk);
	int err = 0;

	how++;	/* SHUT_RD, SHUT_WR, SHUT_RDWR -> 1, 2, 3 */
	if (how < RCV_SHUTDOWN || how > SHUTDOWN_MASK)
		return -EINVAL;
	lock_sock(sk);
	switch (es->state) {
	case EDUTCP_CLOSED:
		err = -ENOTCONN;
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		break;
	case EDUTCP_LISTEN:
		if (how & RCV_SHUTDOWN)
			edutcp_event(sk, EDUTCP_EV_CLOSE, NULL, NULL);
		break;
	case EDUTCP_SYN_SENT:
		edutcp_event(sk, EDUTCP_EV_CLOSE, NULL, NULL);
		sock->state = SS_UNCONNECTED;
		break;
	default:
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		if (how & SEND_SHUTDOWN)
			edutcp_event(sk, EDUTCP_EV_CLOSE, NULL, NULL);
	}
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
}

/* our FIN sent, not yet acknowledged */
static bool edutcp_fin_unacked(u8 state)
{
	return state == EDUTCP_FIN_WAIT_1 || state == EDUTCP_CLOSING ||
	       state == EDUTCP_LAST_ACK;
}

/*
 * SO_LINGER with a time: close() waits up to it for the peer to
 * acknowledge our FIN (and so all the text before it), or for a signal,
 * as Linux's tcp_close; then the socket goes on closing as an orphan.
 */
static void edutcp_linger(struct sock *sk)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct edutcp_sock *es = edutcp_sk(sk);
	long timeo = sk->sk_lingertime;

	add_wait_queue(sk_sleep(sk), &wait);
	while (edutcp_fin_unacked(es->state) && timeo &&
	       !signal_pending(current))
		sk_wait_event(sk, &timeo,
			      !edutcp_fin_unacked(READ_ONCE(es->state)), &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
}

static int edutcp_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct edutcp_sock *es;
	bool unread;

	if (!sk)
		return 0;
	es = edutcp_sk(sk);
	trace_edutcp_sock_release(sk);
	lock_sock(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	unread = !skb_queue_empty(&sk->sk_receive_queue);
	__skb_queue_purge(&sk->sk_receive_queue);
	/* unread data, or SO_LINGER with 0: abort with RST, as Linux does */
	if (unread || (sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime)) {
		if (edutcp_synchronized(es->state))
			edutcp_inc_stats(sock_net(sk), unread ?
					 EDUTCP_MIB_ABORTONCLOSE :
					 EDUTCP_MIB_ABORTONLINGER);
		edutcp_event(sk, EDUTCP_EV_ABORT, NULL, NULL);
	} else {
		edutcp_event(sk, EDUTCP_EV_CLOSE, NULL, NULL);
		if (sock_flag(sk, SOCK_LINGER) && !(current->flags & PF_EXITING))
			edutcp_linger(sk);
		/* too many orphans: FIN, then RST, as Linux's tcp_close */
		if (es->state != EDUTCP_CLOSED && !edutcp_orphan_admit(sk)) {
			edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_ABORTONMEMORY);
			edutcp_event(sk, EDUTCP_EV_ABORT, NULL, NULL);
		}
	}
	sock_orphan(sk);
	if (es->state == EDUTCP_CLOSED)
		edutcp_unbind(sk);
	else if (es->state == EDUTCP_FIN_WAIT_2)
		edutcp_arm_fin_timeout(sk);
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
	.bind		= edutcp_bind,
	.connect	= edutcp_connect,
	.socketpair	= sock_no_socketpair,
	.accept		= edutcp_accept,
	.getname	= edutcp_getname,
	.poll		= edutcp_poll,
	.ioctl		= edutcp_ioctl,
	.listen		= edutcp_listen,
	.shutdown	= edutcp_shutdown,
	.setsockopt	= edutcp_setsockopt,
	.getsockopt	= edutcp_getsockopt,
	.sendmsg	= edutcp_sendmsg,
#ifndef EDUTCP_SPLICE_PAGES
	.sendpage	= edutcp_sendpage,
#endif
	.recvmsg	= edutcp_recvmsg,
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
	if (protocol < 0 || protocol >= IPPROTO_MAX)
		return -EINVAL;
	if (sock->type != SOCK_STREAM)
		return -ESOCKTNOSUPPORT;
	if (protocol != 0 && protocol != IPPROTO_TCP)
		return -EPROTONOSUPPORT;
	sock->ops = &edutcp_ops;
	sock->state = SS_UNCONNECTED;
	if (!edutcp_sk_alloc(net, sock, GFP_KERNEL, kern, EDUTCP_CLOSED))
		return -ENOMEM;
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
