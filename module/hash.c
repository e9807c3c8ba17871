// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the lookup tables of a network namespace and the port rules.
 *
 *   conns      connections by 4-tuple: every socket past LISTEN
 *   listeners  listening sockets by local port
 *   binds      sockets holding a local port (bound, listening, connected)
 *   tws        TIME_WAIT records by 4-tuple (timewait.c)
 *   reqs       SYN queue entries by 4-tuple (synq.c)
 *
 * Locking: one spinlock per namespace (edutcp_net.lock) protects all five;
 * process context takes it with spin_lock_bh, softirq with spin_lock. A
 * socket in conns or listeners holds a reference for the table. Lookups
 * take a reference before dropping the lock.
 */
#include <linux/jhash.h>
#include <linux/random.h>
#include <net/sock.h>

#include "edutcp.h"

static u32 edutcp_hash_seed __read_mostly;

u32 edutcp_tuple_hash(__be32 laddr, __be16 lport, __be32 raddr, __be16 rport)
{
	net_get_random_once(&edutcp_hash_seed, sizeof(edutcp_hash_seed));
	return jhash_3words((__force u32)laddr, (__force u32)raddr,
			    (__force u32)lport << 16 | (__force u32)rport,
			    edutcp_hash_seed);
}

static u32 edutcp_sk_hash(const struct sock *sk)
{
	const struct inet_sock *inet = inet_sk(sk);

	return edutcp_tuple_hash(inet->inet_saddr, inet->inet_sport,
				 inet->inet_daddr, inet->inet_dport);
}

void edutcp_hash_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);

	spin_lock_init(&en->lock);
	spin_lock_init(&en->challenge_lock);
	hash_init(en->conns);
	hash_init(en->listeners);
	hash_init(en->binds);
	hash_init(en->reqs);
}

static bool edutcp_addr_overlap(__be32 a, __be32 b)
{
	return a == htonl(INADDR_ANY) || b == htonl(INADDR_ANY) || a == b;
}

/*
 * May @sk take @port on @addr? Another socket there blocks it, unless
 * @reuse (SO_REUSEADDR) and the other one set it too and is not
 * listening; a TIME_WAIT record blocks it unless @reuse (as in Linux).
 */
static bool edutcp_port_conflict(struct edutcp_net *en, struct sock *sk,
				 __be32 addr, u16 port, bool reuse)
{
	struct edutcp_sock *other;

	hash_for_each_possible(en->binds, other, bnode, port) {
		struct sock *osk = &other->inet.sk;

		if (osk == sk || inet_sk(osk)->inet_num != port ||
		    !edutcp_addr_overlap(inet_sk(osk)->inet_rcv_saddr, addr))
			continue;
		if (reuse && osk->sk_reuse && other->state != EDUTCP_LISTEN)
			continue;
		return true;
	}
	return !reuse && edutcp_tw_port_used_locked(en, port);
}

static void edutcp_bind_locked(struct edutcp_net *en, struct sock *sk,
			       __be32 addr, u16 port)
{
	struct inet_sock *inet = inet_sk(sk);

	inet->inet_num = port;
	inet->inet_sport = htons(port);
	inet->inet_rcv_saddr = addr;
	inet->inet_saddr = addr;
	hash_add(en->binds, &edutcp_sk(sk)->bnode, port);
	edutcp_sk(sk)->bound = true;
}

/**
 * edutcp_bind_port() - give a socket its local address and port
 * @sk: the socket, not yet bound
 * @addr: local address (INADDR_ANY for all)
 * @port: the port, host order; 0 picks a free one from local_port_range
 * @user: bind(2) asked for @port (conflict rules apply); false for a
 *	child of a listener, which shares its listener's port
 *
 * Return: 0, -EADDRINUSE when @port is taken, -EADDRNOTAVAIL when no
 * ephemeral port is free.
 */
int edutcp_bind_port(struct sock *sk, __be32 addr, u16 port, bool user)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	int lo, hi, n, i, err = 0;
	u32 range;

	spin_lock_bh(&en->lock);
	if (!user) {
		edutcp_bind_locked(en, sk, addr, port);
	} else if (port) {
		if (edutcp_port_conflict(en, sk, addr, port, sk->sk_reuse))
			err = -EADDRINUSE;
		else
			edutcp_bind_locked(en, sk, addr, port);
	} else {
		range = READ_ONCE(en->sysctl.port_range);	/* one read */
		lo = range >> 16;
		hi = range & 0xffff;
		n = hi - lo + 1;
		port = lo + get_random_u32_below(n);
		err = -EADDRNOTAVAIL;
		/* an ephemeral port is taken only if nobody holds it */
		for (i = 0; i < n; i++, port = port == hi ? lo : port + 1) {
			if (!edutcp_port_conflict(en, sk, addr, port, false)) {
				edutcp_bind_locked(en, sk, addr, port);
				err = 0;
				break;
			}
		}
	}
	spin_unlock_bh(&en->lock);
	return err;
}

/* edutcp_unbind() - give the local port back. */
void edutcp_unbind(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	struct edutcp_sock *es = edutcp_sk(sk);

	spin_lock_bh(&en->lock);
	if (es->bound) {
		hash_del(&es->bnode);
		es->bound = false;
	}
	spin_unlock_bh(&en->lock);
}

/**
 * edutcp_hash_connect() - enter a connection in the 4-tuple table
 * @sk: the socket, with both addresses and ports set
 *
 * Return: 0, or -EADDRNOTAVAIL when the 4-tuple is in use already (by a
 * connection or a TIME_WAIT record).
 */
int edutcp_hash_connect(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	const struct inet_sock *inet = inet_sk(sk);
	struct edutcp_seg key = {
		.saddr = inet->inet_daddr, .daddr = inet->inet_saddr,
		.sport = inet->inet_dport, .dport = inet->inet_sport,
	};
	struct edutcp_sock *other;
	u32 h = edutcp_sk_hash(sk);

	spin_lock_bh(&en->lock);
	hash_for_each_possible(en->conns, other, hnode, h) {
		const struct inet_sock *o = &other->inet;

		if (o->inet_saddr == inet->inet_saddr &&
		    o->inet_daddr == inet->inet_daddr &&
		    o->inet_sport == inet->inet_sport &&
		    o->inet_dport == inet->inet_dport) {
			spin_unlock_bh(&en->lock);
			return -EADDRNOTAVAIL;
		}
	}
	if (edutcp_tw_find_locked(en, &key)) {
		spin_unlock_bh(&en->lock);
		return -EADDRNOTAVAIL;
	}
	sock_hold(sk);
	hash_add(en->conns, &edutcp_sk(sk)->hnode, h);
	edutcp_sk(sk)->hashed = true;
	spin_unlock_bh(&en->lock);
	return 0;
}

/* edutcp_hash_listen() - enter a listening socket in the listener table. */
void edutcp_hash_listen(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));

	spin_lock_bh(&en->lock);
	sock_hold(sk);
	hash_add(en->listeners, &edutcp_sk(sk)->hnode, inet_sk(sk)->inet_num);
	edutcp_sk(sk)->hashed = true;
	spin_unlock_bh(&en->lock);
}

/* edutcp_unhash() - take a socket out of the connection/listener table. */
void edutcp_unhash(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	struct edutcp_sock *es = edutcp_sk(sk);
	bool was = false;

	spin_lock_bh(&en->lock);
	if (es->hashed) {
		hash_del(&es->hnode);
		es->hashed = false;
		was = true;
	}
	spin_unlock_bh(&en->lock);
	if (was)
		sock_put(sk);
}

/**
 * edutcp_lookup_conn() - the connection an arriving segment is for
 * @net: the namespace it arrived in
 * @seg: the segment (its addresses and ports)
 *
 * Return: the socket with a reference held, or NULL.
 */
struct sock *edutcp_lookup_conn(struct net *net, const struct edutcp_seg *seg)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_sock *es;
	u32 h = edutcp_tuple_hash(seg->daddr, seg->dport, seg->saddr,
				  seg->sport);

	spin_lock(&en->lock);
	hash_for_each_possible(en->conns, es, hnode, h) {
		const struct inet_sock *i = &es->inet;

		if (i->inet_saddr == seg->daddr && i->inet_daddr == seg->saddr &&
		    i->inet_sport == seg->dport && i->inet_dport == seg->sport) {
			sock_hold(&es->inet.sk);
			spin_unlock(&en->lock);
			return &es->inet.sk;
		}
	}
	spin_unlock(&en->lock);
	return NULL;
}

/* one bound to the destination address before one bound to all */
static struct edutcp_sock *
edutcp_find_listener_locked(struct edutcp_net *en, const struct edutcp_seg *seg)
{
	struct edutcp_sock *es, *found = NULL;
	u16 port = ntohs(seg->dport);

	hash_for_each_possible(en->listeners, es, hnode, port) {
		if (es->inet.inet_num != port)
			continue;
		if (es->inet.inet_rcv_saddr == seg->daddr)
			return es;
		if (es->inet.inet_rcv_saddr == htonl(INADDR_ANY))
			found = es;
	}
	return found;
}

/**
 * edutcp_lookup_listener() - the listener a segment with no connection
 *	is for: one bound to its destination address before one bound to all
 * @net: the namespace it arrived in
 * @seg: the segment
 *
 * Return: the socket with a reference held, or NULL.
 */
struct sock *edutcp_lookup_listener(struct net *net,
				    const struct edutcp_seg *seg)
{
	struct edutcp_net *en = edutcp_pernet(net);
	struct edutcp_sock *found;

	spin_lock(&en->lock);
	found = edutcp_find_listener_locked(en, seg);
	if (found)
		sock_hold(&found->inet.sk);
	spin_unlock(&en->lock);
	return found ? &found->inet.sk : NULL;
}

/**
 * edutcp_has_listener_locked() - is there a listener @seg would reach?
 * @en: the namespace's tables, their lock held
 * @seg: the segment
 *
 * Return: true if edutcp_lookup_listener() would find one now.
 */
bool edutcp_has_listener_locked(struct edutcp_net *en,
				const struct edutcp_seg *seg)
{
	return edutcp_find_listener_locked(en, seg);
}

/* Is another socket listening on this port already? */
bool edutcp_port_has_listener(struct sock *sk)
{
	struct edutcp_net *en = edutcp_pernet(sock_net(sk));
	u16 port = inet_sk(sk)->inet_num;
	struct edutcp_sock *es;
	bool found = false;

	spin_lock_bh(&en->lock);
	hash_for_each_possible(en->listeners, es, hnode, port)
		if (es->inet.inet_num == port && &es->inet.sk != sk &&
		    edutcp_addr_overlap(es->inet.inet_rcv_saddr,
					inet_sk(sk)->inet_rcv_saddr))
			found = true;
	spin_unlock_bh(&en->lock);
	return found;
}
