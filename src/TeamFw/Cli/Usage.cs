// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Cli;

internal static class Usage
{
    public const string Text = """
        usage:
          teamfw [-f FILE]... [-c JSON] [-d] [-p PIDFILE] [-S SOCKET] [-g] [--log-level L] [-N] [-k [-N]] [-e]
                                       run the daemon (teamd-like flags); one team per -f file
          teamfw --uci FILE [flags]    run the enabled teams of an OpenWrt UCI file (netifd bonding names)
          teamfw uci [--ports | -o DIR] [FILE]
                                       the teamd JSON of each enabled team in FILE (/etc/config/teamfw)
          teamfw ctl [-S SOCKET] [-v] [-o] TEAM COMMAND...
                                       teamdctl: state [dump|view], state item get|set, config dump [noports|actual],
                                       port add|remove|present IF, port config update IF JSON, port config dump IF
          teamfw nl [-S SOCKET|-K] [-p PORT] [-a INDEX] [-t TYPE] [--raw] [-b FILE] TEAM ports|options|getoption N|setoption N V|monitor [changed|all]
                                       teamnl, for a kernel team device (netlink) or a teamfw team (the control socket)
          teamfw stats [-S SOCKET] [TEAM] [--json] [-w SECONDS]
                                       counters per team and port (rates with -w)
          teamfw lab [up|down|demo]    a throwaway lab in network namespaces
          teamfw version

        daemon flags:
          -f FILE         teamd JSON config (repeatable)
          -c JSON         teamd JSON config given inline
          --uci FILE      the enabled teams of a UCI file (re-read on SIGHUP)
          -d              daemonize once every team is up (logs go to syslog)
          -p PIDFILE      write the pid here (default with -d: /run/teamfw/teamfw.pid)
          -S SOCKET       control socket path (default /run/teamfw/teamfw.sock, or $TEAMFW_SOCKET);
                          the state file is next to it (teamfw.sock -> teamfw.state)
          -g              debug logging (same as --log-level debug)
          --log-level L   trace, debug, info, warning, error
          -N              at exit, leave the teams (device, addresses, ports) for the next daemon
          -k              stop the daemon named by the pidfile (SIGTERM); with -N, for a restart (SIGUSR2)
          -e              exit 0 when the daemon named by the pidfile is running, else 1

        signals: SIGTERM/SIGINT release every port and exit; SIGHUP re-reads the -f and --uci files;
                 SIGUSR1 writes the state of every team to the log; SIGUSR2 exits leaving the teams
                 for the next daemon (an upgrade: it takes them back without a link flap).
        exit codes: 0 ok, 1 run-time failure, 2 usage or configuration error, 3 daemon unreachable.
        """;
}
