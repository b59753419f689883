// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control;

/// <summary>TEAM_CMD_* (linux/if_team.h).</summary>
public enum TeamCmd : byte
{
    Noop = 0,
    OptionsSet = 1,
    OptionsGet = 2,
    PortListGet = 3,
}

/// <summary>TEAM_ATTR_*: the top level of every team message.</summary>
public enum TeamAttr : ushort
{
    Unspec = 0,
    TeamIfindex = 1,
    ListOption = 2,
    ListPort = 3,
}

/// <summary>TEAM_ATTR_ITEM_OPTION_*: the entries of LIST_OPTION.</summary>
public enum TeamAttrItemOption : ushort
{
    OptionUnspec = 0,
    Option = 1,
}

/// <summary>TEAM_ATTR_OPTION_*: one option instance.</summary>
public enum TeamAttrOption : ushort
{
    Unspec = 0,
    Name = 1,
    Changed = 2,
    Type = 3,
    Data = 4,
    Removed = 5,
    PortIfindex = 6,
    ArrayIndex = 7,
}

/// <summary>TEAM_ATTR_ITEM_PORT_*: the entries of LIST_PORT.</summary>
public enum TeamAttrItemPort : ushort
{
    PortUnspec = 0,
    Port = 1,
}

/// <summary>TEAM_ATTR_PORT_*: one port.</summary>
public enum TeamAttrPort : ushort
{
    Unspec = 0,
    Ifindex = 1,
    Changed = 2,
    Linkup = 3,
    Speed = 4,
    Duplex = 5,
    Removed = 6,
}
