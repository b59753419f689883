// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Control;
using TeamFw.Control.Options;
using TeamFw.Logging;
using TeamFw.Native.Interop;
using TeamFw.Native.Sockets;
using TeamFw.Ports;

namespace TeamFw.Daemon;

/// <summary>
/// The control socket in the daemon: opened before any team is touched (a live daemon on the same
/// path refuses the start), served from the control loop's poll set, and the backend its commands
/// act on. After every loop round the teams' kernel-visible state is synced, so whatever changed
/// goes out as change events.
/// </summary>
public sealed partial class TeamDaemon : IControlBackend
{
    private readonly List<Team> _announced = new();
    private ControlServer? _server;

    public ControlServer? Server => _server;

    /// <summary>The control socket's full path (the state file sits next to it).</summary>
    public string ControlSocketPath { get; private set; } = ControlSocketFile.DefaultPath;

    IReadOnlyList<IControlSocketTeam> IControlBackend.ControlTeams => _teams;

    /// <summary>Creates the socket at -S / $TEAMFW_SOCKET / the default path. Throws IOException saying why not.</summary>
    public void OpenControlSocket()
    {
        ControlSocketFile file = ControlSocketFile.Create(_options.Socket ?? ControlSocketFile.DefaultPath);
        ControlSocketPath = file.Path;
        _server = new ControlServer(file, this, _log);
        Log.ControlListening(_log, file.Path, file.Group);
    }

    /// <summary>Resets the poll set to the loop's own two descriptors plus the control socket's.</summary>
    private void PollControl(Poller poller, int wakeFd, int eventsFd)
    {
        poller.Reset();
        poller.Add(wakeFd);
        poller.Add(eventsFd);
        _server?.AddPollFds(poller);
    }

    private void ServiceControl(Poller poller)
    {
        if (_server is null)
        {
            return;
        }

        _server.Service(poller);
        Sync();
    }

    /// <summary>Announces teams that appeared or went, and each team's changes, to the multicast groups.</summary>
    public void Sync()
    {
        if (_server is null)
        {
            return;
        }

        for (int i = _announced.Count - 1; i >= 0; i--)
        {
            Team gone = _announced[i];
            if (!_teams.Contains(gone))
            {
                gone.SyncControl();
                _server.LinkChanged(TeamfwCmd.LinkDel, gone.ControlState, null);
                _announced.RemoveAt(i);
            }
        }

        foreach (Team t in _teams)
        {
            if (!_announced.Contains(t))
            {
                t.AttachControl(_server);
                _server.LinkChanged(TeamfwCmd.LinkNew, t.ControlState, null);
                _announced.Add(t);
            }

            t.SyncControl();
        }

        _server.FlushAll();
    }

    /// <summary>LINK_NEW: validated like a -f file, refused before anything is touched, started all or nothing.</summary>
    public ControlError CreateTeam(string json)
    {
        TeamConfig c;
        try
        {
            c = Accept(ConfigLoader.Load("LINK_NEW", json));
        }
        catch (ConfigException e)
        {
            return ControlError.Of(Errno.EINVAL, e.Message);
        }

        if (_teams.Exists(t => t.Name == c.Device))
        {
            return ControlError.Of(Errno.EEXIST, $"team {c.Device} already exists");
        }

        if (_ctx!.OwnerOf(c.Device) is string owner)
        {
            return ControlError.Of(Errno.EBUSY, $"{c.Device} is a port of team {owner}");
        }

        foreach (PortConfig p in c.Ports)
        {
            if (_ctx.OwnerOf(p.Name) is string other)
            {
                return ControlError.Of(Errno.EBUSY, $"port {p.Name} is already a port of team {other}");
            }
        }

        var team = new Team(c, _ctx);
        try
        {
            team.Start();
        }
        catch (Exception e) when (SetupFailure.IsSetupFailure(e))
        {
            Errno errno = e is ErrnoException ee ? ee.Errno : Errno.EINVAL;
            return ControlError.Of(errno, $"team {c.Device}: {e.Message}; nothing was changed");
        }

        _teams.Add(team);
        Log.ControlChange(_log, team.Name, "team created");
        return ControlError.Ok;
    }

    public ControlError DeleteTeam(IControlSocketTeam team)
    {
        var t = (Team)team;
        _teams.Remove(t);
        t.Dispose();
        Log.ControlChange(_log, t.Name, "team deleted");
        return ControlError.Ok;
    }

    public string? InterfaceName(int ifIndex) => _ctx?.Links.GetLink(ifIndex)?.Name;
}
