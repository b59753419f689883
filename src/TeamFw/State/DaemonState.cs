// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.IO;
using TeamFw.Native.Sockets;

namespace TeamFw.State;

/// <summary>
/// The state file of the running daemon: every team device it made and every port it took, with the
/// port's state from before the first daemon took it. Each change is written at once, atomically, before
/// the change it protects is made (a port's original before the port is touched). What a previous daemon
/// left starts as <em>leftover</em> entries, still written out with ours, so a crash during the start loses
/// nothing either; a team or port the new daemon takes back becomes its own (<see cref="TakeTeam"/>,
/// <see cref="TakePort"/>), and the daemon then deals with the rest. Control thread only.
/// </summary>
public sealed class DaemonState
{
    private readonly List<TeamRecord> _teams = [];
    private readonly List<PortRecord> _ports = [];
    private readonly HashSet<string> _leftoverTeams = [];
    private readonly HashSet<string> _leftoverPorts = [];
    private readonly StateOrigin _here;
    private bool _onDisk;

    public DaemonState(string path, StateOrigin here, SavedState? previous)
    {
        Path = path;
        _here = here;
        if (previous is not null)
        {
            PreviousPid = previous.Origin.Pid;
            foreach (TeamRecord t in previous.Teams)
            {
                if (_leftoverTeams.Add(t.Device))
                {
                    _teams.Add(t);
                }
            }

            foreach (PortRecord p in previous.Ports)
            {
                if (_leftoverPorts.Add(p.Name))
                {
                    _ports.Add(p);
                }
            }
        }

        _onDisk = File.Exists(path);
    }

    public string Path { get; }

    /// <summary>The pid of the daemon that wrote the file found at start, or 0.</summary>
    public int PreviousPid { get; }

    public IReadOnlyList<TeamRecord> Teams => _teams;

    public IReadOnlyList<PortRecord> Ports => _ports;

    /// <summary>Entries of the previous daemon that nobody has taken back yet.</summary>
    public IEnumerable<TeamRecord> LeftoverTeams => _teams.FindAll(t => _leftoverTeams.Contains(t.Device));

    public IEnumerable<PortRecord> LeftoverPorts => _ports.FindAll(p => _leftoverPorts.Contains(p.Name));

    /// <summary>The previous daemon's record of this team device, now the caller's (it stays in the file), or null.</summary>
    public TeamRecord? TakeTeam(string device)
        => _leftoverTeams.Remove(device) ? _teams.Find(t => t.Device == device) : null;

    /// <summary>The previous daemon's record of this port, now the caller's (it stays in the file), or null.</summary>
    public PortRecord? TakePort(string name)
        => _leftoverPorts.Remove(name) ? _ports.Find(p => p.Name == name) : null;

    /// <summary>Records (or updates) a team device and writes the file. Throws <see cref="IOException"/>.</summary>
    public void PutTeam(TeamRecord team)
    {
        _leftoverTeams.Remove(team.Device);
        _teams.RemoveAll(t => t.Device == team.Device);
        _teams.Add(team);
        Write();
    }

    public void RemoveTeam(string device)
    {
        _leftoverTeams.Remove(device);
        if (_teams.RemoveAll(t => t.Device == device) > 0)
        {
            Write();
        }
    }

    /// <summary>Records a port's original state (before it is touched) and writes the file. Throws <see cref="IOException"/>.</summary>
    public void PutPort(PortRecord port)
    {
        _leftoverPorts.Remove(port.Name);
        _ports.RemoveAll(p => p.Name == port.Name);
        _ports.Add(port);
        Write();
    }

    public void RemovePort(string name)
    {
        _leftoverPorts.Remove(name);
        if (_ports.RemoveAll(p => p.Name == name) > 0)
        {
            Write();
        }
    }

    /// <summary>Writes every entry, or removes the file when there is none (nothing left behind).</summary>
    public void Write()
    {
        if (_teams.Count == 0 && _ports.Count == 0)
        {
            if (_onDisk)
            {
                FileSystem.Unlink(Path);
                _onDisk = false;
            }

            return;
        }

        PrivateFile.WriteAtomically(Path, StateCodec.Encode(new SavedState(_here, _teams, _ports)));
        _onDisk = true;
    }
}
