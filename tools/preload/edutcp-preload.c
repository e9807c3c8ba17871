// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp-preload: the library edutcp-run preloads into an unmodified,
 * dynamically linked program, so that its IPv4 stream sockets are
 * edutcp's. It owns the translation, nothing else: socket() of AF_INET,
 * SOCK_STREAM (protocol 0 or IPPROTO_TCP, any SOCK_NONBLOCK or
 * SOCK_CLOEXEC) makes an AF_EDUTCP socket, and every call that carries a
 * socket address turns AF_INET into edutcp's family on the way in and
 * back on the way out (struct sockaddr_edutcp is struct sockaddr_in with
 * another family). AF_INET6 stream sockets fail with EAFNOSUPPORT, so a
 * program falls back to IPv4 as for a host without IPv6; other sockets
 * are left alone.
 *
 * Whether a socket is edutcp's is asked of the kernel (SO_DOMAIN), never
 * kept here: it holds across fork, exec, dup and threads.
 *
 * With EDUTCP_RUN_PORTS (edutcp-run -p 80,5201) only connections to or
 * from those ports are edutcp's: socket() makes an AF_INET socket as
 * asked, and bind() or connect() to a listed port puts an edutcp socket
 * in its place (same descriptor, same flags, the socket options set so
 * far set again). An AF_INET6 socket is refused there instead.
 *
 * EDUTCP_RUN_VERBOSE=1 (edutcp-run -v) says on stderr which socket each
 * call made and each option a program asked for at the IPPROTO_TCP and
 * IPPROTO_IP levels, with what edutcp answered.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#define FAMILY_FILE "/sys/module/edutcp/parameters/family"
#define MAX_PORTS 64
#define MAX_OPTS 16	/* options kept per socket until it is replaced */
#define MAX_FDS 1024

static int edutcp_family = -1;	/* -1: edutcp is not loaded */
static int nports, verbose;
static unsigned short ports[MAX_PORTS];

/* options set on an AF_INET socket that may yet become edutcp's */
struct kept_opt {
	int level, name;
	socklen_t len;
	char val[32];
};

static struct {
	int n;
	struct kept_opt opt[MAX_OPTS];
} kept[MAX_FDS];
static pthread_mutex_t kept_lock = PTHREAD_MUTEX_INITIALIZER;

/* the C library's own calls, under the names this file takes over */
static __typeof__(socket) *real_socket;
static __typeof__(bind) *real_bind;
static __typeof__(connect) *real_connect;
static __typeof__(accept) *real_accept;
static __typeof__(accept4) *real_accept4;
static __typeof__(getsockname) *real_getsockname;
static __typeof__(getpeername) *real_getpeername;
static __typeof__(sendto) *real_sendto;
static __typeof__(recvfrom) *real_recvfrom;
static __typeof__(sendmsg) *real_sendmsg;
static __typeof__(recvmsg) *real_recvmsg;
static __typeof__(setsockopt) *real_setsockopt;
static __typeof__(getsockopt) *real_getsockopt;
static __typeof__(close) *real_close;

/* the kernel's attribute macro, which userspace lacks (lint allows it) */
#define __printf(a, b) __attribute__((format(printf, a, b)))

static void __printf(1, 2) say(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	int n;

	if (!verbose)
		return;
	n = snprintf(line, sizeof(line), "edutcp-run[%d]: ", getpid());
	va_start(ap, fmt);
	n += vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(line) - 2)
		n = sizeof(line) - 2;
	line[n++] = '\n';
	if (write(2, line, n) < 0)
		return;
}

__attribute__((constructor)) static void edutcp_preload_init(void)
{
	const char *p = getenv("EDUTCP_RUN_PORTS"), *v;
	FILE *f;

#define LOOK(name) (real_##name = dlsym(RTLD_NEXT, #name))
	LOOK(socket);
	LOOK(bind);
	LOOK(connect);
	LOOK(accept);
	LOOK(accept4);
	LOOK(getsockname);
	LOOK(getpeername);
	LOOK(sendto);
	LOOK(recvfrom);
	LOOK(sendmsg);
	LOOK(recvmsg);
	LOOK(setsockopt);
	LOOK(getsockopt);
	LOOK(close);
	v = getenv("EDUTCP_RUN_VERBOSE");
	verbose = v && *v == '1';
	f = fopen(FAMILY_FILE, "re");
	if (f) {
		if (fscanf(f, "%d", &edutcp_family) != 1)
			edutcp_family = -1;
		fclose(f);
	}
	if (edutcp_family < 0) {
		/* edutcp-run checks first; this is a program started otherwise */
		static const char msg[] = "edutcp-run: edutcp is not loaded (no "
			FAMILY_FILE "): IPv4 stream sockets fail with EAFNOSUPPORT\n";

		if (write(2, msg, sizeof(msg) - 1) < 0)
			return;
	}
	while (p && *p && nports < MAX_PORTS) {
		char *end;
		long port = strtol(p, &end, 10);

		if (end == p || port < 1 || port > 65535)
			break;
		ports[nports++] = port;
		p = *end == ',' ? end + 1 : end;
	}
}

static int selected(unsigned short port)
{
	int i;

	for (i = 0; i < nports; i++)
		if (ports[i] == port)
			return 1;
	return 0;
}

/* the socket's family, as the kernel says; -1 if not a socket */
static int domain_of(int fd)
{
	int d;
	socklen_t len = sizeof(d);

	if (real_getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &d, &len))
		return -1;
	return d;
}

static int is_edutcp(int fd)
{
	return edutcp_family >= 0 && domain_of(fd) == edutcp_family;
}

static int is_stream(int fd)
{
	int t;
	socklen_t len = sizeof(t);

	return !real_getsockopt(fd, SOL_SOCKET, SO_TYPE, &t, &len) &&
	       t == SOCK_STREAM;
}

/* an address from the program, for an edutcp socket: a copy, in @buf */
static const struct sockaddr *to_edutcp(const struct sockaddr *a,
					socklen_t len, struct sockaddr_in *buf)
{
	if (!a || len < sizeof(*buf) || a->sa_family != AF_INET)
		return a;
	memcpy(buf, a, sizeof(*buf));
	buf->sin_family = edutcp_family;
	return (const struct sockaddr *)buf;
}

/*
 * An address the kernel wrote for an edutcp socket, for the program.
 * @room is the buffer's size as the program gave it: the kernel may say
 * the address is longer than what it could write (it truncates), so the
 * family is translated as far as the buffer goes, and nothing is written
 * past it (a buffer of one byte gets AF_INET's first byte, as from TCP).
 */
static void to_inet(struct sockaddr *a, socklen_t room, socklen_t len)
{
	sa_family_t ours = edutcp_family, inet = AF_INET;
	socklen_t n = room < sizeof(inet) ? room : sizeof(inet);

	if (a && n && len >= sizeof(inet) && edutcp_family >= 0 &&
	    !memcmp(a, &ours, n))
		memcpy(a, &inet, n);
}

static int edutcp_socket(int type)
{
	int fd;

	if (edutcp_family < 0) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	fd = real_socket(edutcp_family, type, 0);
	say("socket(AF_INET, SOCK_STREAM) -> %d, edutcp", fd);
	return fd;
}

int socket(int domain, int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC), fd;

	if (base != SOCK_STREAM ||
	    (protocol != 0 && protocol != IPPROTO_TCP))
		return real_socket(domain, type, protocol);
	if (domain == AF_INET6 && !nports) {
		say("%s(AF_INET6, SOCK_STREAM): EAFNOSUPPORT (edutcp is IPv4 only)",
		    __func__);
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (domain != AF_INET)
		return real_socket(domain, type, protocol);
	if (!nports)
		return edutcp_socket(type);
	fd = real_socket(domain, type, protocol);
	if (fd >= 0 && fd < MAX_FDS) {
		pthread_mutex_lock(&kept_lock);
		kept[fd].n = 0;
		pthread_mutex_unlock(&kept_lock);
	}
	return fd;
}

/*
 * With -p: an AF_INET stream socket about to bind or connect to a listed
 * port becomes edutcp's, on the same descriptor. 0, or -1 with errno.
 */
static int become_edutcp(int fd, unsigned short port)
{
	int fl = fcntl(fd, F_GETFL), fdfl = fcntl(fd, F_GETFD), nfd, i;

	if (edutcp_family < 0 || domain_of(fd) != AF_INET ||
	    !is_stream(fd) || !selected(port))
		return 0;
	nfd = real_socket(edutcp_family, SOCK_STREAM, 0);
	if (nfd < 0)
		return -1;
	if (fl >= 0)
		fcntl(nfd, F_SETFL, fl);
	if (fd < MAX_FDS) {
		pthread_mutex_lock(&kept_lock);
		for (i = 0; i < kept[fd].n; i++) {
			struct kept_opt *o = &kept[fd].opt[i];

			real_setsockopt(nfd, o->level, o->name, o->val, o->len);
		}
		kept[fd].n = 0;
		pthread_mutex_unlock(&kept_lock);
	}
	if (dup3(nfd, fd, fdfl >= 0 && (fdfl & FD_CLOEXEC) ? O_CLOEXEC : 0) < 0) {
		real_close(nfd);
		return -1;
	}
	real_close(nfd);
	say("fd %d, port %u: edutcp", fd, port);
	return 0;
}

/* AF_INET6 to a listed port (with -p): refused, as without -p */
static int refused_v6(int fd, const struct sockaddr *a)
{
	const struct sockaddr_in6 *a6 = (const struct sockaddr_in6 *)a;

	if (!nports || !a || a->sa_family != AF_INET6 ||
	    !selected(ntohs(a6->sin6_port)) || !is_stream(fd))
		return 0;
	say("fd %d: AF_INET6 to port %u: EAFNOSUPPORT (edutcp is IPv4 only)",
	    fd, ntohs(a6->sin6_port));
	errno = EAFNOSUPPORT;
	return 1;
}

static int prepare(int fd, const struct sockaddr *a, socklen_t len)
{
	if (refused_v6(fd, a))
		return -1;
	if (nports && a && len >= sizeof(struct sockaddr_in) &&
	    a->sa_family == AF_INET)
		return become_edutcp(fd,
				     ntohs(((const struct sockaddr_in *)a)->sin_port));
	return 0;
}

int bind(int fd, const struct sockaddr *a, socklen_t len)
{
	struct sockaddr_in buf;

	if (prepare(fd, a, len))
		return -1;
	if (!is_edutcp(fd))
		return real_bind(fd, a, len);
	return real_bind(fd, to_edutcp(a, len, &buf), len);
}

int connect(int fd, const struct sockaddr *a, socklen_t len)
{
	struct sockaddr_in buf;

	if (prepare(fd, a, len))
		return -1;
	if (!is_edutcp(fd))
		return real_connect(fd, a, len);
	return real_connect(fd, to_edutcp(a, len, &buf), len);
}

/* the size of the program's address buffer, before a call changes it */
static socklen_t room_of(const socklen_t *len)
{
	return len ? *len : 0;
}

int accept4(int fd, struct sockaddr *a, socklen_t *len, int flags)
{
	socklen_t room = room_of(len);
	int r = real_accept4(fd, a, len, flags);

	if (r >= 0 && len)
		to_inet(a, room, *len);
	return r;
}

int accept(int fd, struct sockaddr *a, socklen_t *len)
{
	socklen_t room = room_of(len);
	int r = real_accept(fd, a, len);

	if (r >= 0 && len)
		to_inet(a, room, *len);
	return r;
}

int getsockname(int fd, struct sockaddr *a, socklen_t *len)
{
	socklen_t room = room_of(len);
	int r = real_getsockname(fd, a, len);

	if (!r && len)
		to_inet(a, room, *len);
	return r;
}

int getpeername(int fd, struct sockaddr *a, socklen_t *len)
{
	socklen_t room = room_of(len);
	int r = real_getpeername(fd, a, len);

	if (!r && len)
		to_inet(a, room, *len);
	return r;
}

ssize_t sendto(int fd, const void *b, size_t n, int flags,
	       const struct sockaddr *a, socklen_t len)
{
	struct sockaddr_in buf;

	if (a && is_edutcp(fd))
		a = to_edutcp(a, len, &buf);
	return real_sendto(fd, b, n, flags, a, len);
}

ssize_t recvfrom(int fd, void *b, size_t n, int flags, struct sockaddr *a,
		 socklen_t *len)
{
	socklen_t room = room_of(len);
	ssize_t r = real_recvfrom(fd, b, n, flags, a, len);

	if (r >= 0 && a && len)
		to_inet(a, room, *len);
	return r;
}

ssize_t sendmsg(int fd, const struct msghdr *m, int flags)
{
	struct sockaddr_in buf;
	struct msghdr copy;

	if (!m || !m->msg_name || !is_edutcp(fd))
		return real_sendmsg(fd, m, flags);
	copy = *m;
	copy.msg_name = (void *)to_edutcp(m->msg_name, m->msg_namelen, &buf);
	return real_sendmsg(fd, &copy, flags);
}

ssize_t recvmsg(int fd, struct msghdr *m, int flags)
{
	socklen_t room = m ? m->msg_namelen : 0;
	ssize_t r = real_recvmsg(fd, m, flags);

	if (r >= 0 && m && m->msg_name)
		to_inet(m->msg_name, room, m->msg_namelen);
	return r;
}

static const char *level_name(int level)
{
	return level == IPPROTO_TCP ? "IPPROTO_TCP" : "IPPROTO_IP";
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	int r = real_setsockopt(fd, level, name, val, len), e = errno;

	if (nports && !r && fd >= 0 && fd < MAX_FDS && val &&
	    len <= sizeof(kept[0].opt[0].val) && domain_of(fd) == AF_INET) {
		pthread_mutex_lock(&kept_lock);
		if (kept[fd].n < MAX_OPTS) {
			struct kept_opt *o = &kept[fd].opt[kept[fd].n++];

			o->level = level;
			o->name = name;
			o->len = len;
			memcpy(o->val, val, len);
		}
		pthread_mutex_unlock(&kept_lock);
	}
	if (verbose && (level == IPPROTO_TCP || level == IPPROTO_IP) &&
	    is_edutcp(fd))
		say("%s(%d, %s, %d) = %d%s%s", __func__, fd, level_name(level),
		    name, r, r ? ": " : "", r ? strerror(e) : "");
	errno = e;
	return r;
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int r = real_getsockopt(fd, level, name, val, len), e = errno;

	/* SO_DOMAIN answers AF_INET, as for the socket the program made */
	if (!r && level == SOL_SOCKET && name == SO_DOMAIN && val && len &&
	    *len >= sizeof(int) && edutcp_family >= 0 &&
	    *(int *)val == edutcp_family)
		*(int *)val = AF_INET;
	if (verbose && (level == IPPROTO_TCP || level == IPPROTO_IP) &&
	    is_edutcp(fd))
		say("%s(%d, %s, %d) = %d%s%s", __func__, fd, level_name(level),
		    name, r, r ? ": " : "", r ? strerror(e) : "");
	errno = e;
	return r;
}

int close(int fd)
{
	if (nports && fd >= 0 && fd < MAX_FDS) {
		pthread_mutex_lock(&kept_lock);
		kept[fd].n = 0;
		pthread_mutex_unlock(&kept_lock);
	}
	return real_close(fd);
}
