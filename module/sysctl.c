// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp: the tunables, net.edutcp.* (/proc/sys/net/edutcp/), one set
 * per network namespace, but for mem, the host's (mem.c). Every value is
 * range-checked when written: a value out of range is refused with
 * EINVAL and the old one stays.
 */
#include <linux/slab.h>
#include <linux/sysctl.h>

#include "edutcp.h"
#include "compat.h"

static int zero;
static int one = 1;
static int two = 2;
static int max_retries = 127;
static int max_seconds = 3600;
static int max_backlog = 65535;
static int max_records = 1 << 20;	/* TIME_WAIT records, orphans */
static int max_challenge = 1 << 30;
static int min_port = 1;
static int max_port = 65535;
static int max_rto_min_ms = 120000;
static int max_delack_ms = 500;		/* RFC 9293 MUST-40: under 0.5 s */
static int max_keep_seconds = 32767;	/* as TCP_KEEPIDLE's maximum */
static int min_snd_mss_min = 48;	/* Linux's tcp_min_snd_mss range */
static int min_snd_mss_max = 65495;
static int max_ratelimit_ms = 120000;
static int min_buf = 4096;
static int max_buf = 1 << 30;

/*
 * local_port_range: two ports, low <= high, both in 1..65535, kept in one
 * word (low << 16 | high) so that a reader never sees the low port of
 * one write with the high port of another (edutcp_port_range()).
 */
static int edutcp_port_range_handler(EDUTCP_CTL_TABLE *table, int write,
				     void *buffer, size_t *lenp, loff_t *ppos)
{
	u32 *range = table->data, now = READ_ONCE(*range);
	int tmp[2] = { now >> 16, now & 0xffff };
	struct ctl_table t = {
		.data = tmp, .maxlen = sizeof(tmp), .mode = table->mode,
		.extra1 = &min_port, .extra2 = &max_port,
	};
	int err;

	err = proc_dointvec_minmax(&t, write, buffer, lenp, ppos);
	if (write && !err) {
		if (tmp[0] > tmp[1])
			return -EINVAL;
		WRITE_ONCE(*range, (u32)tmp[0] << 16 | tmp[1]);
	}
	return err;
}

/*
 * mem: three page counts for all edutcp sockets of the host (mem.c),
 * 0 < no limit =< pressure =< hard limit. Only the first namespace has
 * it, as Linux's tcp_mem: the owner of another namespace must not move
 * the host's limit.
 */
static int edutcp_mem_handler(EDUTCP_CTL_TABLE *table, int write,
			      void *buffer, size_t *lenp, loff_t *ppos)
{
	long *mem = table->data;
	unsigned long tmp[3] = {
		READ_ONCE(mem[0]), READ_ONCE(mem[1]), READ_ONCE(mem[2]),
	};
	struct ctl_table t = {
		.data = tmp, .maxlen = sizeof(tmp), .mode = table->mode,
	};
	int err, i;

	err = proc_doulongvec_minmax(&t, write, buffer, lenp, ppos);
	if (write && !err) {
		if (!tmp[0] || tmp[0] > tmp[1] || tmp[1] > tmp[2] ||
		    tmp[2] > LONG_MAX)
			return -EINVAL;
		for (i = 0; i < 3; i++)
			WRITE_ONCE(mem[i], tmp[i]);
	}
	return err;
}

/*
 * rmem, wmem: three byte counts for a socket's buffer, as Linux's
 * tcp_rmem and tcp_wmem: the least it is cut to, what a new socket
 * starts with, and the most autotuning grows it to (SO_RCVBUF and
 * SO_SNDBUF are bounded by net.core's maxima instead). The minimum is
 * the host's, the first namespace's (mem.c). 4096 =< min =< initial =<
 * max =< 1 GiB, or EINVAL.
 */
static int edutcp_buf_handler(EDUTCP_CTL_TABLE *table, int write,
			      void *buffer, size_t *lenp, loff_t *ppos)
{
	int *buf = table->data;
	int tmp[3] = { READ_ONCE(buf[0]), READ_ONCE(buf[1]), READ_ONCE(buf[2]) };
	struct ctl_table t = {
		.data = tmp, .maxlen = sizeof(tmp), .mode = table->mode,
		.extra1 = &min_buf, .extra2 = &max_buf,
	};
	int err, i;

	err = proc_dointvec_minmax(&t, write, buffer, lenp, ppos);
	if (write && !err) {
		if (tmp[0] > tmp[1] || tmp[1] > tmp[2])
			return -EINVAL;
		for (i = 0; i < 3; i++)
			WRITE_ONCE(buf[i], tmp[i]);
	}
	return err;
}

/*
 * congestion_control: a name ("reno", "cubic") read and written, an
 * enum edutcp_cc_algo kept; a name edutcp lacks is ENOENT, as Linux's
 * tcp_congestion_control answers one it has no module for.
 */
static int edutcp_cc_handler(EDUTCP_CTL_TABLE *table, int write,
			     void *buffer, size_t *lenp, loff_t *ppos)
{
	int *algo = table->data;
	char name[16];
	struct ctl_table t = {
		.data = name, .maxlen = sizeof(name), .mode = table->mode,
	};
	int err, found;

	strscpy(name, edutcp_cc_name(READ_ONCE(*algo)), sizeof(name));
	err = proc_dostring(&t, write, buffer, lenp, ppos);
	if (!write || err)
		return err;
	found = edutcp_cc_find(name);
	if (found < 0)
		return found;
	WRITE_ONCE(*algo, found);
	return 0;
}

#define EDUTCP_INT(name, field, lo, hi) {			\
	.procname	= name,					\
	.data		= &init_edutcp_sysctl.field,		\
	.maxlen		= sizeof(int),				\
	.mode		= 0644,					\
	.proc_handler	= proc_dointvec_minmax,			\
	.extra1		= lo,					\
	.extra2		= hi,					\
}

/* only the addresses of its fields matter: they locate each value */
static struct edutcp_sysctl init_edutcp_sysctl;

static struct ctl_table edutcp_table_template[] = {
	EDUTCP_INT("syn_retries", syn_retries, &one, &max_retries),
	EDUTCP_INT("synack_retries", synack_retries, &one, &max_retries),
	EDUTCP_INT("retries", retries, &one, &max_retries),
	EDUTCP_INT("fin_timeout", fin_timeout, &one, &max_seconds),
	EDUTCP_INT("msl", msl, &one, &max_seconds),
	EDUTCP_INT("max_syn_backlog", max_syn_backlog, &one, &max_backlog),
	EDUTCP_INT("max_tw_buckets", max_tw_buckets, &zero, &max_records),
	EDUTCP_INT("max_orphans", max_orphans, &zero, &max_records),
	EDUTCP_INT("rfc1337", rfc1337, &zero, &one),
	EDUTCP_INT("isn_mode", isn_mode, &zero, &one),
	EDUTCP_INT("challenge_ack_limit", challenge_ack_limit, &one,
		   &max_challenge),
	EDUTCP_INT("rto_min_ms", rto_min_ms, &one, &max_rto_min_ms),
	EDUTCP_INT("delack_ms", delack_ms, &zero, &max_delack_ms),
	EDUTCP_INT("keepalive_time", keepalive_time, &one, &max_keep_seconds),
	EDUTCP_INT("keepalive_intvl", keepalive_intvl, &one,
		   &max_keep_seconds),
	EDUTCP_INT("keepalive_probes", keepalive_probes, &one, &max_retries),
	EDUTCP_INT("min_snd_mss", min_snd_mss, &min_snd_mss_min,
		   &min_snd_mss_max),
	EDUTCP_INT("invalid_ratelimit", invalid_ratelimit, &zero,
		   &max_ratelimit_ms),
	EDUTCP_INT("orphan_retries", orphan_retries, &zero, &max_retries),
	EDUTCP_INT("syncookies", syncookies, &zero, &two),
	EDUTCP_INT("lesson_no_time_wait", lesson_no_time_wait, &zero, &one),
	EDUTCP_INT("lesson_two_way_handshake", lesson_two_way_handshake, &zero,
		   &one),
	EDUTCP_INT("lesson_no_rfc5961", lesson_no_rfc5961, &zero, &one),
	EDUTCP_INT("window_scaling", window_scaling, &zero, &one),
	EDUTCP_INT("timestamps", timestamps, &zero, &one),
	EDUTCP_INT("sack", sack, &zero, &one),
	{
		.procname	= "congestion_control",
		.data		= &init_edutcp_sysctl.congestion_control,
		.maxlen		= sizeof(int),
		.mode		= 0644,
		.proc_handler	= edutcp_cc_handler,
	},
	{
		.procname	= "rmem",
		.data		= init_edutcp_sysctl.rmem,
		.maxlen		= sizeof(init_edutcp_sysctl.rmem),
		.mode		= 0644,
		.proc_handler	= edutcp_buf_handler,
	},
	{
		.procname	= "wmem",
		.data		= init_edutcp_sysctl.wmem,
		.maxlen		= sizeof(init_edutcp_sysctl.wmem),
		.mode		= 0644,
		.proc_handler	= edutcp_buf_handler,
	},
	{
		.procname	= "local_port_range",
		.data		= &init_edutcp_sysctl.port_range,
		.maxlen		= sizeof(init_edutcp_sysctl.port_range),
		.mode		= 0644,
		.proc_handler	= edutcp_port_range_handler,
	},
	{	/* last: the first namespace's only (edutcp_sysctl_init_net) */
		.procname	= "mem",
		.data		= edutcp_sysctl_mem,
		.maxlen		= sizeof(edutcp_sysctl_mem),
		.mode		= 0644,
		.proc_handler	= edutcp_mem_handler,
	},
	{ }
};

/* The defaults: Linux TCP's where it has the same knob. */
static void edutcp_sysctl_defaults(struct edutcp_sysctl *s)
{
	s->syn_retries = 6;
	s->synack_retries = 5;
	s->retries = 15;
	s->fin_timeout = 60;
	s->msl = 30;
	s->max_syn_backlog = 256;
	s->max_tw_buckets = 16384;
	s->max_orphans = 16384;
	s->rfc1337 = 1;
	s->isn_mode = EDUTCP_ISN_RFC;
	s->challenge_ack_limit = 1000;
	s->rto_min_ms = 200;
	s->delack_ms = 40;
	s->keepalive_time = 7200;
	s->keepalive_intvl = 75;
	s->keepalive_probes = 9;
	s->min_snd_mss = 48;
	s->invalid_ratelimit = 500;
	s->syncookies = 1;
	s->window_scaling = 1;
	s->timestamps = 1;
	s->sack = 1;
	s->congestion_control = EDUTCP_CC_CUBIC;	/* Linux's default */
	/* Linux's maxima; the kernel's socket default to start, as before */
	s->rmem[0] = 4096;
	s->rmem[1] = 212992;
	s->rmem[2] = 6291456;
	s->wmem[0] = 4096;
	s->wmem[1] = 212992;
	s->wmem[2] = 4194304;
	s->port_range = 32768 << 16 | 60999;
}

int edutcp_sysctl_init_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);
	size_t n = ARRAY_SIZE(edutcp_table_template) - 1;
	struct ctl_table *t;
	char *v;
	int i;

	edutcp_sysctl_defaults(&en->sysctl);
	t = kmemdup(edutcp_table_template, sizeof(edutcp_table_template),
		    GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	/* point each entry at this namespace's copy of its value */
	for (i = 0; t[i].procname; i++) {
		v = t[i].data;
		if (v >= (char *)&init_edutcp_sysctl &&
		    v < (char *)(&init_edutcp_sysctl + 1))
			t[i].data = (char *)&en->sysctl +
				    (v - (char *)&init_edutcp_sysctl);
	}
	/* the host's memory limit: in the first namespace only */
	if (!net_eq(net, &init_net))
		memset(&t[--n], 0, sizeof(t[n]));
	else	/* and its rmem and wmem minima are the host's (mem.c) */
		edutcp_mem_floor(&edutcp_prot, en->sysctl.rmem, en->sysctl.wmem);
	en->sysctl_hdr = edutcp_register_sysctl(net, "net/edutcp", t, n);
	if (!en->sysctl_hdr) {
		kfree(t);
		return -ENOMEM;
	}
	return 0;
}

void edutcp_sysctl_exit_net(struct net *net)
{
	struct edutcp_net *en = edutcp_pernet(net);
	const struct ctl_table *t = en->sysctl_hdr->ctl_table_arg;

	unregister_net_sysctl_table(en->sysctl_hdr);
	kfree(t);
	if (net_eq(net, &init_net))
		edutcp_mem_floor(&edutcp_prot, NULL, NULL);
}
