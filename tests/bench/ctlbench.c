// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors
//
// ctlbench: load for the teamfw control socket, written against the netlink headers only.
//   ctlbench SOCKET rtt TEAM_IFINDEX SECONDS [CLIENTS]
//                                              OPTIONS_GET request/reply round trips per second,
//                                              summed over CLIENTS processes (default 1), each
//                                              with its own connection, one request in flight
//   ctlbench SOCKET hold CONNECTIONS SECONDS   keep that many idle connections open
#include <errno.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int dial(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	strncpy(sa.sun_path, path, sizeof(sa.sun_path) - 1);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		perror(path);
		exit(1);
	}
	return fd;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Puts a message header + genl header + one attribute; returns the length. */
static size_t request(char *buf, uint16_t type, uint8_t cmd, uint32_t seq, uint16_t atype, const void *val, uint16_t vlen)
{
	struct nlmsghdr *h = (struct nlmsghdr *)buf;
	struct genlmsghdr *g = (struct genlmsghdr *)(buf + NLMSG_HDRLEN);
	struct nlattr *a = (struct nlattr *)(buf + NLMSG_HDRLEN + GENL_HDRLEN);

	memset(buf, 0, 64);
	a->nla_len = NLA_HDRLEN + vlen;
	a->nla_type = atype;
	memcpy((char *)a + NLA_HDRLEN, val, vlen);
	h->nlmsg_len = NLMSG_HDRLEN + GENL_HDRLEN + NLA_ALIGN(a->nla_len);
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	h->nlmsg_seq = seq;
	g->cmd = cmd;
	g->version = 1;
	return h->nlmsg_len;
}

/* Reads datagrams until the NLMSG_ERROR for seq; returns its error; the family id through *id. */
static int until_ack(int fd, uint32_t seq, uint16_t *id)
{
	static char buf[70000];

	for (;;) {
		ssize_t n = recv(fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h;

		if (n <= 0) {
			fprintf(stderr, "recv: %s\n", n ? strerror(errno) : "closed");
			exit(1);
		}
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR)
				return ((struct nlmsgerr *)NLMSG_DATA(h))->error;
			if (id && h->nlmsg_type == GENL_ID_CTRL) {
				struct nlattr *a = (struct nlattr *)((char *)NLMSG_DATA(h) + GENL_HDRLEN);
				int left = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;

				for (; left >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= left;
				     left -= NLA_ALIGN(a->nla_len), a = (struct nlattr *)((char *)a + NLA_ALIGN(a->nla_len)))
					if (a->nla_type == CTRL_ATTR_FAMILY_ID)
						*id = *(uint16_t *)((char *)a + NLA_HDRLEN);
			}
		}
	}
}

static long trips_for(const char *path, uint32_t ifindex, double secs)
{
	char req[64];
	int fd = dial(path);
	uint16_t team = 0;
	uint32_t seq = 1;
	size_t len = request(req, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, seq, CTRL_ATTR_FAMILY_NAME, "team", 5);
	double start, end;
	long trips = 0;

	if (send(fd, req, len, 0) < 0 || until_ack(fd, seq, &team) != 0 || !team) {
		fprintf(stderr, "could not resolve the team family\n");
		exit(1);
	}
	start = now();
	end = start + secs;
	do {
		len = request(req, team, 2 /* TEAM_CMD_OPTIONS_GET */, ++seq, 1 /* TEAM_ATTR_TEAM_IFINDEX */, &ifindex, 4);
		if (send(fd, req, len, 0) < 0 || until_ack(fd, seq, NULL) != 0) {
			fprintf(stderr, "OPTIONS_GET failed\n");
			exit(1);
		}
		trips++;
	} while ((trips & 255) || now() < end);
	return (long)(trips / (now() - start));
}

int main(int argc, char **argv)
{
	if (argc != 5 && !(argc == 6 && !strcmp(argv[2], "rtt"))) {
		fprintf(stderr, "usage: ctlbench SOCKET rtt TEAM_IFINDEX SECONDS [CLIENTS] | SOCKET hold CONNECTIONS SECONDS\n");
		return 2;
	}
	if (!strcmp(argv[2], "hold")) {
		int n = atoi(argv[3]), i;

		for (i = 0; i < n; i++)
			dial(argv[1]);
		printf("holding %d connections\n", n);
		fflush(stdout);
		sleep(atoi(argv[4]));
		return 0;
	}

	int clients = argc == 6 ? atoi(argv[5]) : 1, i, status;
	int pipes[64][2];
	long sum = 0;

	if (clients < 1 || clients > 64)
		return 2;
	for (i = 0; i < clients; i++) {
		if (pipe(pipes[i]) < 0)
			return 1;
		if (fork() == 0) {
			long r = trips_for(argv[1], strtoul(argv[3], NULL, 10), atof(argv[4]));

			if (write(pipes[i][1], &r, sizeof(r)) != sizeof(r))
				_exit(1);
			_exit(0);
		}
	}
	for (i = 0; i < clients; i++) {
		long r = 0;

		if (read(pipes[i][0], &r, sizeof(r)) != sizeof(r))
			return 1;
		sum += r;
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status))
			return 1;
	printf("%ld\n", sum);
	return 0;
}
