// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the protocol-wide memory limit, net.edutcp.mem, as Linux's
 * tcp_mem: three numbers of pages for all edutcp sockets of the host
 * together. Below the first, nothing is limited; above the second the
 * protocol is under memory pressure (MemoryPressures counts each time it
 * enters it) and a socket past its fair share gets no more than its
 * minimum (4 KiB to receive, 4 KiB of send queue); above the third, no
 * socket gets more: text that arrives is dropped unacknowledged
 * (RcvQDrop; the peer sends it again when memory is back), a writer
 * waits, and a socket its user closes with data still queued is reset
 * at once (AbortOnMemory). The kernel counts each CPU's share in
 * advance by up to 1 MiB, so the marks hold to within that.
 *
 * The accounting is the kernel's own (sk_rmem_schedule,
 * sk_wmem_schedule, sk_mem_charge and their undoing, struct proto's
 * memory fields): /proc/net/protocols shows edutcp's pages and pressure
 * beside TCP's, and a memory cgroup is charged as for TCP. This file owns
 * the counters and the limits; recv.c, stream.c and send.c charge.
 */
#include <linux/mm.h>
#include <linux/percpu.h>
#include <linux/percpu_counter.h>
#include <net/sock.h>

#include "edutcp.h"
#include "compat.h"

static atomic_long_t edutcp_memory_allocated;
static DEFINE_PER_CPU(int, edutcp_memory_per_cpu_fw_alloc);
static struct percpu_counter edutcp_sockets_allocated;
static unsigned long edutcp_memory_pressure;	/* jiffies it began, 0: none */

/* pages: no limit, pressure, hard limit (written by sysctl.c) */
long edutcp_sysctl_mem[3];
/*
 * the minimum a socket keeps under pressure (the kernel reads only [0]):
 * the first namespace's net.edutcp.rmem and wmem while it has them
 */
static int edutcp_rmem[3] = { 4096, 212992, 6291456 };
static int edutcp_wmem[3] = { 4096, 212992, 4194304 };

static void edutcp_enter_memory_pressure(struct sock *sk)
{
	unsigned long now = jiffies ?: 1;

	if (!READ_ONCE(edutcp_memory_pressure) &&
	    !cmpxchg(&edutcp_memory_pressure, 0, now))
		edutcp_inc_stats(sock_net(sk), EDUTCP_MIB_MEMORYPRESSURES);
}

/**
 * edutcp_out_of_memory() - is the hard limit passed while @sk holds a
 *	send queue of some size (Linux's tcp_out_of_memory)?
 * @sk: the socket
 *
 * Return: true if a socket its user closes should be reset, not kept.
 */
bool edutcp_out_of_memory(const struct sock *sk)
{
	return sk->sk_wmem_queued > SOCK_MIN_SNDBUF &&
	       sk_memory_allocated(sk) > sk_prot_mem_limits(sk, 2);
}

/* edutcp_mem_sock_init() - a new socket counts in sockets_allocated. */
void edutcp_mem_sock_init(struct sock *sk)
{
	sk_sockets_allocated_inc(sk);
}

/**
 * edutcp_mem_sock_destroy() - a socket goes: its queues are empty, give
 *	back what it holds in advance
 * @sk: the socket
 */
void edutcp_mem_sock_destroy(struct sock *sk)
{
	sk_mem_reclaim_final(sk);
	sk_sockets_allocated_dec(sk);
}

/**
 * edutcp_mem_init() - the limits and the counters, into @prot
 * @prot: edutcp's struct proto, before proto_register()
 *
 * The defaults are Linux's for tcp_mem: of the pages free for buffers,
 * 1/16 is the pressure mark, 3/4 of that the "no limit" mark and twice
 * that the hard limit.
 *
 * Return: 0 or -ENOMEM.
 */
int edutcp_mem_init(struct proto *prot)
{
	unsigned long limit = max(nr_free_buffer_pages() / 16, 128UL);

	edutcp_sysctl_mem[0] = limit / 4 * 3;
	edutcp_sysctl_mem[1] = limit;
	edutcp_sysctl_mem[2] = edutcp_sysctl_mem[0] * 2;
	prot->memory_allocated = &edutcp_memory_allocated;
	prot->per_cpu_fw_alloc = &edutcp_memory_per_cpu_fw_alloc;
	prot->sockets_allocated = &edutcp_sockets_allocated;
	prot->memory_pressure = &edutcp_memory_pressure;
	prot->enter_memory_pressure = edutcp_enter_memory_pressure;
	/* no leave_memory_pressure: the kernel's own clears the flag
	 * without an indirect call for every page charged
	 */
	prot->sysctl_mem = edutcp_sysctl_mem;
	prot->sysctl_rmem = edutcp_rmem;
	prot->sysctl_wmem = edutcp_wmem;
	return percpu_counter_init(&edutcp_sockets_allocated, 0, GFP_KERNEL);
}

/**
 * edutcp_mem_floor() - where the kernel reads the pressure minimum from
 * @prot: edutcp's struct proto
 * @rmem: the first namespace's net.edutcp.rmem, or NULL for the defaults
 * @wmem: its net.edutcp.wmem, or NULL
 *
 * As net.edutcp.mem, the floor is the host's: the first namespace sets
 * it. Called when that namespace's tunables come and go, while no
 * edutcp socket exists.
 */
void edutcp_mem_floor(struct proto *prot, int *rmem, int *wmem)
{
	prot->sysctl_rmem = rmem ?: edutcp_rmem;
	prot->sysctl_wmem = wmem ?: edutcp_wmem;
}

/* edutcp_mem_exit() - the module goes; every socket has gone before. */
void edutcp_mem_exit(void)
{
	percpu_counter_destroy(&edutcp_sockets_allocated);
}
