// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using static TeamFw.Tests.Control.Wire;

namespace TeamFw.Tests.Control;

/// <summary>One valid request of every shape the three families take: the fuzzers' starting points.</summary>
internal static class Seeds
{
    public static List<byte[]> All()
    {
        byte[] setItem(string name, byte type, byte[] data, uint port = 0)
            => Attr(1, Attr(1, Str(name)), port != 0 ? Attr(6, U32(port)) : [], Attr(3, U8(type)), Attr(4, data));
        return
        [
            Msg(0x10, 0x5, 1, 0, Genl(3, 1), Attr(2, Str("team"))),
            Msg(0x10, 0x5, 2, 0, Genl(3, 1), Attr(1, U16(0x14))),
            Msg(0x10, 0x305, 3, 0, Genl(3, 1)),
            Msg(0x13, 0x5, 4, 0, Genl(0, 1)),
            Msg(0x13, 0x5, 5, 0, Genl(2, 1), Attr(1, U32(7))),
            Msg(0x13, 0x5, 6, 0, Genl(3, 1), Attr(1, U32(7))),
            Msg(0x13, 0x5, 7, 0, Genl(1, 1), Attr(1, U32(7)), Attr(2, setItem("activeport", 3, U32(3)), setItem("enabled", 6, [], 4))),
            Msg(0x13, 0x5, 8, 0, Genl(1, 1), Attr(1, U32(7)), Attr(2, setItem("priority", 14, S32(-3), 3), setItem("queue_id", 3, U32(2), 3))),
            Msg(0x13, 0x5, 9, 0, Genl(1, 1), Attr(1, U32(7)), Attr(2, setItem("mode", 5, Str("roundrobin")))),
            Msg(0x13, 0x5, 10, 0, Genl(1, 1), Attr(1, U32(7)), Attr(2, setItem("user_linkup_enabled", 6, [], 3))),
            Msg(0x14, 0x5, 11, 0, Genl(1, 1), Attr(2, Str("team0"))),
            Msg(0x14, 0x305, 12, 0, Genl(1, 1)),
            Msg(0x14, 0x5, 13, 0, Genl(2, 1), Attr(5, Str("{\"device\":\"teamx\",\"ports\":{}}"))),
            Msg(0x14, 0x5, 14, 0, Genl(4, 1), Attr(2, Str("team0")), Attr(4, Str("eth9"))),
            Msg(0x14, 0x5, 15, 0, Genl(5, 1), Attr(1, U32(7)), Attr(3, U32(4))),
            Msg(0x14, 0x5, 16, 0, Genl(6, 1), Attr(2, Str("team0"))),
            Msg(0x14, 0x5, 17, 0, Genl(7, 1), Attr(2, Str("team0")), Attr(12, U32(3))),
            Msg(0x14, 0x5, 18, 0, Genl(8, 1), Attr(2, Str("team0")), Attr(6, Str("setup.debug_level")), Attr(7, Str("1"))),
            Msg(0x14, 0x305, 19, 0, Genl(9, 1)),
            Msg(0x14, 0x5, 20, 0, Genl(10, 1), Attr(8, U32(2))),
            Msg(0x14, 0x5, 21, 0, Genl(11, 1), Attr(8, U32(2))),
            Msg(0x14, 0x5, 22, 0, Genl(12, 1), Attr(2, Str("team0")), Attr(4, Str("eth1")), Attr(5, Str("{\"prio\":3}"))),
            Msg(0x14, 0x5, 23, 0, Genl(3, 1), Attr(2, Str("team0"))),
        ];
    }
}
