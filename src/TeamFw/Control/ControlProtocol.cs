// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control;

/// <summary>
/// The three generic-netlink families the control socket serves, with the ids a client resolves
/// through nlctrl. Numbers come from docs/control-protocol.yaml (ControlSpecTests keeps them equal).
/// Ids and group ids of team and teamfw are what a kernel would allocate first (GENL_START_ALLOC,
/// first free multicast group); clients must resolve them by name, as on a kernel.
/// </summary>
public static class GenlFamily
{
    public const ushort NlctrlId = 0x10; // GENL_ID_CTRL
    public const string NlctrlName = "nlctrl";
    public const byte NlctrlVersion = 2;
    public const uint NlctrlNotifyGroup = 0x10;
    public const string NlctrlNotifyGroupName = "notify";

    public const ushort TeamId = 0x13;
    public const string TeamName = "team";
    public const byte TeamVersion = 1;
    public const uint TeamChangeEventGroup = 2;
    public const string TeamChangeEventGroupName = "change_event";

    /// <summary>TEAM_STRING_MAX_LEN: longest string option value on set.</summary>
    public const int TeamStringMaxLen = 32;

    public const ushort TeamfwId = 0x14;
    public const string TeamfwName = "teamfw";
    public const byte TeamfwVersion = 1;
    public const uint TeamfwLinkEventGroup = 3;
    public const string TeamfwLinkEventGroupName = "link_event";

    /// <summary>GENL_HDRLEN: struct genlmsghdr {u8 cmd; u8 version; u16 reserved}.</summary>
    public const int GenlHeaderLength = 4;
}

/// <summary>genetlink op flags, as CTRL_ATTR_OP_FLAGS reports them (linux/genetlink.h).</summary>
public static class GenlOpFlags
{
    public const uint AdminPerm = 0x01;
    public const uint CmdCapDo = 0x02;
    public const uint CmdCapDump = 0x04;
    public const uint CmdCapHasPol = 0x08;
    public const uint UnsAdminPerm = 0x10;
}

/// <summary>Kernel NLA_* policy types (include/net/netlink.h); TEAM_ATTR_OPTION_TYPE carries these numbers.</summary>
public enum NlaType : byte
{
    Unspec = 0,
    U8 = 1,
    U16 = 2,
    U32 = 3,
    U64 = 4,
    String = 5,
    Flag = 6,
    Msecs = 7,
    Nested = 8,
    NestedArray = 9,
    NulString = 10,
    Binary = 11,
    S8 = 12,
    S16 = 13,
    S32 = 14,
    S64 = 15,
}
