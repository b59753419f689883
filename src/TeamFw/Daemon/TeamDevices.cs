// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using Microsoft.Extensions.Logging;
using TeamFw.Config;
using TeamFw.Native.Sockets;
using TeamFw.Netlink;
using TeamFw.State;

namespace TeamFw.Daemon;

/// <summary>
/// Where a team's device and its data path come from: the kernel (<see cref="TeamDevices"/>: a TAP or a veth
/// pair, teamfw.device), or a fake in tests.
/// </summary>
public interface ITeamDeviceFactory
{
    /// <summary>Makes the team device, or takes back the one <paramref name="previous"/> names (see
    /// <see cref="TapTeamDevice.Open"/>); <paramref name="warn"/> hears why a record could not be used.</summary>
    ITeamDevice Open(string name, TeamFwSettings settings, TeamRecord? previous, Action<string> warn);

    /// <summary>Removes a team device a previous daemon left (either backend), if it is still that one. Null, or why not.</summary>
    string? Remove(TeamRecord record);

    /// <summary>The data path of <paramref name="team"/>'s device (once the device is open).</summary>
    IDataPath CreateDataPath(Team team, ILogger log);
}

/// <summary>The kernel's team devices: <see cref="TapTeamDevice"/> or <see cref="VethTeamDevice"/>, driven by <see cref="DataPlane"/>.</summary>
public sealed class TeamDevices : ITeamDeviceFactory
{
    private readonly NetDevice _dev;
    private readonly RtnlClient _rtnl;

    public TeamDevices(NetDevice dev, RtnlClient rtnl)
    {
        _dev = dev;
        _rtnl = rtnl;
    }

    public ITeamDevice Open(string name, TeamFwSettings settings, TeamRecord? previous, Action<string> warn)
        => settings.Device == VethTeamDevice.BackendName
            ? VethTeamDevice.Open(name, settings.Offload, previous, _dev, _rtnl, warn)
            : TapTeamDevice.Open(name, settings.Offload, previous, _dev, warn);

    public string? Remove(TeamRecord record) => record.Backend switch
    {
        TapTeamDevice.BackendName => TapTeamDevice.Remove(record, _dev),
        VethTeamDevice.BackendName => VethTeamDevice.Remove(record, _dev, _rtnl),
        _ => $"a {record.Backend} device; left alone",
    };

    public IDataPath CreateDataPath(Team team, ILogger log) => new DataPlane(team, log);
}
