/* SPDX-License-Identifier: GPL-2.0 */
/*
 * edutcp: the tracepoints of trace system "edutcp", readable from
 * /sys/kernel/tracing/events/edutcp, trace-cmd and perf.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM edutcp

#if !defined(_EDUTCP_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _EDUTCP_TRACE_H

#include <linux/tracepoint.h>
#include <net/sock.h>

#include "edutcp.h"

DECLARE_EVENT_CLASS(edutcp_sock_class,
		    TP_PROTO(struct sock *sk),
		    TP_ARGS(sk),
		    TP_STRUCT__entry(__field(u64, id)
				     __field(u16, family)
				     __field(u8, kern)),
		    TP_fast_assign(__entry->id = edutcp_sk(sk)->id;
				   __entry->family = sk->sk_family;
				   __entry->kern = sk->sk_kern_sock;),
		    TP_printk("sock=%llu family=%u kern=%u",
			      __entry->id, __entry->family, __entry->kern)
);

/* A socket of the family was created (socket(2) or sock_create_kern). */
DEFINE_EVENT(edutcp_sock_class, edutcp_sock_create,
	     TP_PROTO(struct sock *sk),
	     TP_ARGS(sk)
);

/* The user's socket was released (the last close(2) of it). */
DEFINE_EVENT(edutcp_sock_class, edutcp_sock_release,
	     TP_PROTO(struct sock *sk),
	     TP_ARGS(sk)
);

#endif /* _EDUTCP_TRACE_H */

#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE trace
#include <trace/define_trace.h>
