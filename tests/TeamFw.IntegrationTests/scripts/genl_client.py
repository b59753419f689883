#!/usr/bin/python3
# SPDX-License-Identifier: MIT
# Copyright (c) teamfw contributors
"""An independent client of the teamfw control socket: Debian's pyroute2 encodes and decodes every
message (its genlmsg/ctrlmsg classes and nla_maps written from if_team.h), only the transport is
AF_UNIX SOCK_SEQPACKET instead of a netlink socket. Prints one JSON document per command.

  genl_client.py SOCKET resolve FAMILY
  genl_client.py SOCKET link-new JSON
  genl_client.py SOCKET link-get TEAM
  genl_client.py SOCKET port-add TEAM PORT
  genl_client.py SOCKET options IFINDEX
  genl_client.py SOCKET ports IFINDEX
  genl_client.py SOCKET set-u32 IFINDEX NAME VALUE
"""
import json
import socket
import sys

from pyroute2.netlink import (NLM_F_ACK, NLM_F_REQUEST, NLMSG_DONE, NLMSG_ERROR,
                              ctrlmsg, genlmsg, nla, nlmsgerr)

CTRL_CMD_GETFAMILY = 3


class teammsg(genlmsg):
    nla_map = (('TEAM_ATTR_UNSPEC', 'none'),
               ('TEAM_ATTR_TEAM_IFINDEX', 'uint32'),
               ('TEAM_ATTR_LIST_OPTION', 'list_option'),
               ('TEAM_ATTR_LIST_PORT', 'list_port'))

    class list_option(nla):
        nla_map = (('TEAM_ATTR_ITEM_OPTION_UNSPEC', 'none'),
                   ('TEAM_ATTR_ITEM_OPTION', 'option'))

        class option(nla):
            nla_map = (('TEAM_ATTR_OPTION_UNSPEC', 'none'),
                       ('TEAM_ATTR_OPTION_NAME', 'asciiz'),
                       ('TEAM_ATTR_OPTION_CHANGED', 'flag'),
                       ('TEAM_ATTR_OPTION_TYPE', 'uint8'),
                       ('TEAM_ATTR_OPTION_DATA', 'cdata'),
                       ('TEAM_ATTR_OPTION_REMOVED', 'flag'),
                       ('TEAM_ATTR_OPTION_PORT_IFINDEX', 'uint32'),
                       ('TEAM_ATTR_OPTION_ARRAY_INDEX', 'uint32'))

    class list_port(nla):
        nla_map = (('TEAM_ATTR_ITEM_PORT_UNSPEC', 'none'),
                   ('TEAM_ATTR_ITEM_PORT', 'port'))

        class port(nla):
            nla_map = (('TEAM_ATTR_PORT_UNSPEC', 'none'),
                       ('TEAM_ATTR_PORT_IFINDEX', 'uint32'),
                       ('TEAM_ATTR_PORT_CHANGED', 'flag'),
                       ('TEAM_ATTR_PORT_LINKUP', 'flag'),
                       ('TEAM_ATTR_PORT_SPEED', 'uint32'),
                       ('TEAM_ATTR_PORT_DUPLEX', 'uint8'),
                       ('TEAM_ATTR_PORT_REMOVED', 'flag'))


class teamfwmsg(genlmsg):
    nla_map = (('TEAMFW_ATTR_UNSPEC', 'none'),
               ('TEAMFW_ATTR_IFINDEX', 'uint32'),
               ('TEAMFW_ATTR_IFNAME', 'asciiz'),
               ('TEAMFW_ATTR_PORT_IFINDEX', 'uint32'),
               ('TEAMFW_ATTR_PORT_IFNAME', 'asciiz'),
               ('TEAMFW_ATTR_JSON', 'asciiz'),
               ('TEAMFW_ATTR_PATH', 'asciiz'),
               ('TEAMFW_ATTR_VALUE', 'asciiz'),
               ('TEAMFW_ATTR_MCAST_GROUP', 'uint32'),
               ('TEAMFW_ATTR_STATS', 'hex'),
               ('TEAMFW_ATTR_LIST_PORT', 'list_port'),
               ('TEAMFW_ATTR_MODE', 'asciiz'),
               ('TEAMFW_ATTR_FLAGS', 'uint32'))

    class list_port(nla):
        nla_map = (('TEAMFW_ATTR_ITEM_PORT_UNSPEC', 'none'),
                   ('TEAMFW_ATTR_ITEM_PORT', 'port'))

        class port(nla):
            nla_map = (('TEAMFW_ATTR_UNSPEC', 'none'),
                       ('TEAMFW_ATTR_IFINDEX', 'uint32'),
                       ('TEAMFW_ATTR_IFNAME', 'asciiz'),
                       ('TEAMFW_ATTR_PORT_IFINDEX', 'uint32'),
                       ('TEAMFW_ATTR_PORT_IFNAME', 'asciiz'),
                       ('TEAMFW_ATTR_JSON', 'asciiz'),
                       ('TEAMFW_ATTR_PATH', 'asciiz'),
                       ('TEAMFW_ATTR_VALUE', 'asciiz'),
                       ('TEAMFW_ATTR_MCAST_GROUP', 'uint32'),
                       ('TEAMFW_ATTR_STATS', 'hex'))


class Client:
    def __init__(self, path):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self.sock.settimeout(10)
        self.sock.connect(path)
        self.seq = 100

    def request(self, cls, family, cmd, attrs):
        """Sends one request with NLM_F_REQUEST|NLM_F_ACK; returns the decoded replies up to the ack."""
        self.seq += 1
        msg = cls()
        msg['cmd'] = cmd
        msg['version'] = 1
        msg['attrs'] = attrs
        msg['header']['type'] = family
        msg['header']['flags'] = NLM_F_REQUEST | NLM_F_ACK
        msg['header']['sequence_number'] = self.seq
        msg['header']['pid'] = 0
        msg.encode()
        self.sock.send(msg.data)
        replies = []
        while True:
            data = self.sock.recv(70000)
            off = 0
            while off + 16 <= len(data):
                length = int.from_bytes(data[off:off + 4], sys.byteorder)
                mtype = int.from_bytes(data[off + 4:off + 6], sys.byteorder)
                seq = int.from_bytes(data[off + 8:off + 12], sys.byteorder)
                chunk = data[off:off + length]
                off += (length + 3) & ~3
                if seq != self.seq or mtype == NLMSG_DONE:
                    continue
                if mtype == NLMSG_ERROR:
                    err = nlmsgerr(chunk)
                    err.decode()
                    if err['error'] != 0:
                        raise SystemExit(json.dumps({'error': -err['error']}))
                    return replies
                reply = cls(chunk)
                reply.decode()
                replies.append(reply)

    def family(self, name):
        r = self.request(ctrlmsg, 0x10, CTRL_CMD_GETFAMILY, [('CTRL_ATTR_FAMILY_NAME', name)])[0]
        ops = [{'id': o.get_attr('CTRL_ATTR_OP_ID'), 'flags': o.get_attr('CTRL_ATTR_OP_FLAGS')}
               for o in r.get_attr('CTRL_ATTR_OPS') or []]
        groups = {g.get_attr('CTRL_ATTR_MCAST_GRP_NAME'): g.get_attr('CTRL_ATTR_MCAST_GRP_ID')
                  for g in r.get_attr('CTRL_ATTR_MCAST_GROUPS') or []}
        return {'id': r.get_attr('CTRL_ATTR_FAMILY_ID'), 'name': r.get_attr('CTRL_ATTR_FAMILY_NAME'),
                'version': r.get_attr('CTRL_ATTR_VERSION'), 'hdrsize': r.get_attr('CTRL_ATTR_HDRSIZE'),
                'maxattr': r.get_attr('CTRL_ATTR_MAXATTR'), 'genl_version': r['version'],
                'ops': ops, 'groups': groups}


def option_value(o):
    t = o.get_attr('TEAM_ATTR_OPTION_TYPE')
    data = o.get_attr('TEAM_ATTR_OPTION_DATA')
    raw = data or b''
    if t == 6:
        return data is not None
    if t == 3:
        return int.from_bytes(raw[:4], sys.byteorder)
    if t == 14:
        return int.from_bytes(raw[:4], sys.byteorder, signed=True)
    if t == 5:
        return raw.split(b'\0')[0].decode()
    return raw.hex()


def main(argv):
    c = Client(argv[1])
    cmd = argv[2]
    if cmd == 'resolve':
        print(json.dumps(c.family(argv[3])))
        return
    team = c.family('team')['id']
    teamfw = c.family('teamfw')['id']
    if cmd == 'link-new':
        c.request(teamfwmsg, teamfw, 2, [('TEAMFW_ATTR_JSON', argv[3])])
        print(json.dumps({'ok': True}))
    elif cmd == 'link-get':
        r = c.request(teamfwmsg, teamfw, 1, [('TEAMFW_ATTR_IFNAME', argv[3])])[0]
        ports = [p.get_attr('TEAMFW_ATTR_PORT_IFNAME') for p in r.get_attr('TEAMFW_ATTR_LIST_PORT').get_attrs('TEAMFW_ATTR_ITEM_PORT')]
        print(json.dumps({'ifindex': r.get_attr('TEAMFW_ATTR_IFINDEX'), 'ifname': r.get_attr('TEAMFW_ATTR_IFNAME'),
                          'mode': r.get_attr('TEAMFW_ATTR_MODE'), 'ports': ports}))
    elif cmd == 'port-add':
        c.request(teamfwmsg, teamfw, 4, [('TEAMFW_ATTR_IFNAME', argv[3]), ('TEAMFW_ATTR_PORT_IFNAME', argv[4])])
        print(json.dumps({'ok': True}))
    elif cmd == 'options':
        out = []
        for r in c.request(teammsg, team, 2, [('TEAM_ATTR_TEAM_IFINDEX', int(argv[3]))]):
            for o in r.get_attr('TEAM_ATTR_LIST_OPTION').get_attrs('TEAM_ATTR_ITEM_OPTION'):
                out.append({'name': o.get_attr('TEAM_ATTR_OPTION_NAME'), 'port': o.get_attr('TEAM_ATTR_OPTION_PORT_IFINDEX'),
                            'type': o.get_attr('TEAM_ATTR_OPTION_TYPE'), 'value': option_value(o),
                            'changed': bool(o.get_attr('TEAM_ATTR_OPTION_CHANGED'))})
        print(json.dumps(out))
    elif cmd == 'ports':
        out = []
        for r in c.request(teammsg, team, 3, [('TEAM_ATTR_TEAM_IFINDEX', int(argv[3]))]):
            for p in r.get_attr('TEAM_ATTR_LIST_PORT').get_attrs('TEAM_ATTR_ITEM_PORT'):
                out.append({'ifindex': p.get_attr('TEAM_ATTR_PORT_IFINDEX'), 'linkup': bool(p.get_attr('TEAM_ATTR_PORT_LINKUP')),
                            'speed': p.get_attr('TEAM_ATTR_PORT_SPEED'), 'duplex': p.get_attr('TEAM_ATTR_PORT_DUPLEX')})
        print(json.dumps(out))
    elif cmd == 'set-u32':
        item = {'attrs': [('TEAM_ATTR_OPTION_NAME', argv[4]), ('TEAM_ATTR_OPTION_TYPE', 3),
                          ('TEAM_ATTR_OPTION_DATA', int(argv[5]).to_bytes(4, sys.byteorder))]}
        c.request(teammsg, team, 1, [('TEAM_ATTR_TEAM_IFINDEX', int(argv[3])),
                                     ('TEAM_ATTR_LIST_OPTION', {'attrs': [('TEAM_ATTR_ITEM_OPTION', item)]})])
        print(json.dumps({'ok': True}))
    else:
        raise SystemExit('unknown command ' + cmd)


if __name__ == '__main__':
    main(sys.argv)
