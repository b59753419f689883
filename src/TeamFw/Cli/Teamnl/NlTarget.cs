// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Control;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;

namespace TeamFw.Cli.Teamnl;

/// <summary>Which team <c>teamfw nl</c> talks to.</summary>
internal enum NlBackend
{
    /// <summary>A kernel team device (rtnl kind "team") over AF_NETLINK, else a teamfw daemon's team over its socket.</summary>
    Auto,

    /// <summary>The kernel's team family over AF_NETLINK (-K).</summary>
    Kernel,

    /// <summary>A teamfw daemon's control socket (-S).</summary>
    Daemon,
}

/// <summary>
/// The team <c>teamfw nl</c> talks to: the kernel team driver's family over a NETLINK_GENERIC socket, or
/// the same family on a teamfw daemon's control socket. Both answer the same requests; what differs is
/// where the team's ifindex and its ports' names come from (rtnetlink, as libteam's ifinfo, or LINK_GET).
/// </summary>
internal sealed class NlTarget : IDisposable
{
    private NlTarget(ControlClient client, string team, uint ifIndex)
    {
        Client = client;
        Team = team;
        TeamIfIndex = ifIndex;
    }

    public ControlClient Client { get; }

    public string Team { get; }

    public uint TeamIfIndex { get; }

    public ResolvedFamily Family => Client.Resolve(GenlFamily.TeamName);

    /// <summary>
    /// Connects to the team named <paramref name="team"/>. Returns null after printing teamnl's
    /// "Netdevice … not found." when there is no such team.
    /// </summary>
    public static NlTarget? Open(string team, NlBackend backend, string socket)
    {
        if (backend != NlBackend.Daemon)
        {
            LinkInfo? link = null;
            string? kind = null;
            if (team.Length < 16)
            {
                using var rtnl = new RtnlClient();
                link = rtnl.GetLink(team, out kind);
            }

            if (kind == "team")
            {
                return new NlTarget(ControlClient.ConnectKernel(), team, (uint)link!.Value.IfIndex);
            }

            if (backend == NlBackend.Kernel)
            {
                StdIo.Error.WriteLine(link is null ? $"Netdevice \"{team}\" not found." : $"Netdevice \"{team}\" is not a kernel team device (its kind is \"{kind ?? "none"}\").");
                return null;
            }
        }

        ControlClient client = ControlClient.Connect(socket);
        try
        {
            TeamReply reply = TeamfwApi.LinkGet(client, team);
            return new NlTarget(client, team, reply.IfIndex);
        }
        catch (ControlRemoteException e) when (e.Errno == Errno.ENODEV)
        {
            client.Dispose();
            StdIo.Error.WriteLine($"Netdevice \"{team}\" not found.");
            return null;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Fills in the names of the ports and option ports the model does not know yet, as libteam's ifinfo
    /// does: from the kernel's interface table, or from LINK_GET on the daemon (its team may live in
    /// another network namespace than this client). Names of ports that are gone are kept.
    /// </summary>
    public void LearnNames(NlModel model)
    {
        bool unknown = model.Ports.Exists(p => !model.Names.ContainsKey(p.IfIndex))
            || model.Options.Exists(o => o.Port is uint p && !model.Names.ContainsKey(p));
        if (!unknown)
        {
            return;
        }

        if (Client.IsKernel)
        {
            using var dev = new NetDevice();
            foreach (NlPort p in model.Ports)
            {
                Learn(model, dev, p.IfIndex);
            }

            foreach (NlOption o in model.Options)
            {
                if (o.Port is uint port)
                {
                    Learn(model, dev, port);
                }
            }

            return;
        }

        try
        {
            foreach (PortReply p in TeamfwApi.LinkGet(Client, Team).Ports)
            {
                model.Names[p.IfIndex] = p.Name;
            }
        }
        catch (ControlRemoteException)
        {
            // The team is gone: keep printing what is known.
        }
    }

    private static void Learn(NlModel model, NetDevice dev, uint ifIndex)
    {
        if (!model.Names.ContainsKey(ifIndex) && dev.TryGetName((int)ifIndex) is string name)
        {
            model.Names[ifIndex] = name;
        }
    }

    /// <summary>
    /// teamnl's -p: the ifindex of a port of this team by name, or -ENODEV after teamnl's message
    /// ("not found" when no such interface exists, "is not port of this team" otherwise).
    /// </summary>
    public static uint PortIndex(NlModel model, string name)
    {
        foreach (NlPort p in model.Ports)
        {
            if (model.Names.TryGetValue(p.IfIndex, out string? n) && n == name)
            {
                return p.IfIndex;
            }
        }

        int ifIndex;
        using (var dev = new NetDevice())
        {
            ifIndex = name.Length < 16 ? dev.TryGetIndex(name) : 0;
        }

        StdIo.Error.WriteLine(ifIndex == 0 ? $"Netdevice \"{name}\" not found." : $"Netdevice \"{name}\" is not port of this team.");
        throw new ControlRemoteException(Errno.ENODEV, null);
    }

    public void Dispose() => Client.Dispose();
}
