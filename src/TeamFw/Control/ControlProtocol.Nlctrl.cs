// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

namespace TeamFw.Control;

/// <summary>CTRL_CMD_* (linux/genetlink.h).</summary>
public enum CtrlCmd : byte
{
    Unspec = 0,
    Newfamily = 1,
    Delfamily = 2,
    Getfamily = 3,
    Newops = 4,
    Delops = 5,
    Getops = 6,
    NewmcastGrp = 7,
    DelmcastGrp = 8,
    GetmcastGrp = 9,
    Getpolicy = 10,
}

/// <summary>CTRL_ATTR_*.</summary>
public enum CtrlAttr : ushort
{
    Unspec = 0,
    FamilyId = 1,
    FamilyName = 2,
    Version = 3,
    Hdrsize = 4,
    Maxattr = 5,
    Ops = 6,
    McastGroups = 7,
    Policy = 8,
    OpPolicy = 9,
    Op = 10,
}

/// <summary>CTRL_ATTR_OP_*.</summary>
public enum CtrlAttrOp : ushort
{
    Unspec = 0,
    Id = 1,
    Flags = 2,
}

/// <summary>CTRL_ATTR_MCAST_GRP_*.</summary>
public enum CtrlAttrMcastGrp : ushort
{
    Unspec = 0,
    Name = 1,
    Id = 2,
}
