// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control.Options;
using TeamFw.Netlink;

namespace TeamFw.Control;

/// <summary>Multicast: events are encoded once and queued to every connection that joined the group.</summary>
public sealed partial class ControlServer : IControlEvents
{
    private readonly byte[] _eventScratch = new byte[ProtocolLimits.ReplyDatagram];
    private GroupSink? _sink;

    public bool HasListeners(uint group)
    {
        foreach (ControlConnection c in _connections)
        {
            if (!c.Closed && c.InGroup(group))
            {
                return true;
            }
        }

        return false;
    }

    public void OptionsChanged(TeamControlState team, IReadOnlyList<OptionInstance> instances)
    {
        if (HasListeners(GenlFamily.TeamChangeEventGroup))
        {
            TeamEncoder.WriteOptions(Sink(GenlFamily.TeamChangeEventGroup), _eventScratch, 0, 0, 0, team, instances);
        }
    }

    public void PortChanged(TeamControlState team, PortRecord port)
    {
        if (HasListeners(GenlFamily.TeamChangeEventGroup))
        {
            TeamEncoder.WritePorts(Sink(GenlFamily.TeamChangeEventGroup), _eventScratch, 0, 0, 0, team, port);
        }
    }

    public void LinkChanged(TeamfwCmd cmd, TeamControlState team, PortRecord? port)
    {
        if (!HasListeners(GenlFamily.TeamfwLinkEventGroup))
        {
            return;
        }

        var w = NlWriter.Bounded(_eventScratch);
        w.BeginGenl(GenlFamily.TeamfwId, 0, 0, 0, (byte)cmd, GenlFamily.TeamfwVersion);
        w.WriteU32((ushort)TeamfwAttr.Ifindex, (uint)team.Target.IfIndex);
        w.WriteString((ushort)TeamfwAttr.Ifname, team.Target.Name);
        if (port is null)
        {
            w.WriteString((ushort)TeamfwAttr.Mode, team.Target.ModeName);
        }
        else
        {
            w.WriteU32((ushort)TeamfwAttr.PortIfindex, (uint)port.IfIndex);
            w.WriteString((ushort)TeamfwAttr.PortIfname, port.Name);
        }

        w.EndMessage();
        Sink(GenlFamily.TeamfwLinkEventGroup).Send(w.Written);
    }

    private GroupSink Sink(uint group)
    {
        _sink ??= new GroupSink(this);
        _sink.Group = group;
        return _sink;
    }

    /// <summary>Copies an event datagram once and queues it to each member of the group.</summary>
    private sealed class GroupSink(ControlServer server) : IDatagramSink
    {
        public uint Group { get; set; }

        public void Send(ReadOnlySpan<byte> datagram)
        {
            byte[] copy = datagram.ToArray();
            foreach (ControlConnection c in server._connections)
            {
                if (!c.Closed && c.InGroup(Group))
                {
                    c.SendEvent(copy);
                }
            }
        }
    }
}
