// SPDX-License-Identifier: GPL-2.0
/*
 * edutcp selftest: socket(2) on the family, from userspace.
 *
 *   socket_api absent    the module is not loaded: EAFNOSUPPORT
 *   socket_api           the module is loaded: the errors of socket(2)
 *                        equal AF_INET's for the same mistakes
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <fcntl.h>
#include <unistd.h>

#include "selftest.h"

/* errno of socket(family, type, proto), 0 when it succeeded. */
static int socket_errno(int family, int type, int proto)
{
	int fd = socket(family, type, proto);

	if (fd < 0)
		return errno;
	close(fd);
	return 0;
}

static void same_as_inet(const char *name, int fam, int type, int proto)
{
	int inet = socket_errno(AF_INET, type, proto);
	int edu = socket_errno(fam, type, proto);

	st_result(inet != 0 && edu == inet, name,
		  "edutcp errno %d (%s), AF_INET errno %d (%s)",
		  edu, strerror(edu), inet, strerror(inet));
}

int main(int argc, char **argv)
{
	int fam = st_family(), fd, val;
	socklen_t len = sizeof(val);

	if (argc > 1 && !strcmp(argv[1], "absent")) {
		st_plan(1);
		st_expect_errno("socket before insmod: EAFNOSUPPORT",
				socket(AF_EDUTCP, SOCK_STREAM, 0), EAFNOSUPPORT);
		return st_exit();
	}

	st_plan(10);
	fd = socket(fam, SOCK_STREAM, 0);
	st_result(fd >= 0, "socket(AF_EDUTCP, SOCK_STREAM, 0) succeeds",
		  "errno %d (%s)", errno, strerror(errno));
	if (fd >= 0) {
		st_result(!getsockopt(fd, SOL_SOCKET, SO_TYPE, &val, &len) &&
			  val == SOCK_STREAM, "SO_TYPE is SOCK_STREAM",
			  "got %d", val);
		len = sizeof(val);
		st_result(!getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &val, &len) &&
			  val == fam, "SO_DOMAIN is the family in force",
			  "got %d, family %d", val, fam);
		st_result(!close(fd), "close succeeds", "errno %d", errno);
	}

	fd = socket(fam, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
	st_result(fd >= 0 && (fcntl(fd, F_GETFL) & O_NONBLOCK) &&
		  (fcntl(fd, F_GETFD) & FD_CLOEXEC),
		  "SOCK_NONBLOCK|SOCK_CLOEXEC and IPPROTO_TCP accepted",
		  "fd %d errno %d", fd, errno);
	if (fd >= 0)
		close(fd);

	same_as_inet("SOCK_STREAM with IPPROTO_UDP: same errno as AF_INET",
		     fam, SOCK_STREAM, IPPROTO_UDP);
	same_as_inet("SOCK_SEQPACKET: same errno as AF_INET",
		     fam, SOCK_SEQPACKET, 0);
	same_as_inet("SOCK_STREAM with protocol -1: same errno as AF_INET",
		     fam, SOCK_STREAM, -1);
	same_as_inet("SOCK_STREAM with protocol 256: same errno as AF_INET",
		     fam, SOCK_STREAM, 256);
	/* AF_INET has UDP; edutcp has only streams. */
	st_expect_errno("SOCK_DGRAM: ESOCKTNOSUPPORT",
			socket(fam, SOCK_DGRAM, 0), ESOCKTNOSUPPORT);
	return st_exit();
}
