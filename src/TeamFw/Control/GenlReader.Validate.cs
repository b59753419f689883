// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using TeamFw.Native.Interop;
using TeamFw.Netlink;

namespace TeamFw.Control;

public readonly ref partial struct GenlReader
{
    /// <summary>
    /// Validates the attributes against <paramref name="policy"/> as nla_validate does (liberal: unknown
    /// types and trailing bytes ignored; short fixed-size values -ERANGE; a flag with a value -ERANGE;
    /// strings over their maximum -ERANGE; NUL strings without a NUL -EINVAL). Nests are followed where the
    /// policy says so and wherever NLA_F_NESTED is set, to at most <see cref="ProtocolLimits.MaxNesting"/>
    /// levels: deeper is -EINVAL, so no input can drive recursion further.
    /// </summary>
    public void Validate(AttrPolicy policy) => ValidateLevel(Attributes, AttrStart, policy, 1);

    private static void ValidateLevel(ReadOnlySpan<byte> attrs, int baseOffset, AttrPolicy? policy, int depth)
    {
        if (depth > ProtocolLimits.MaxNesting)
        {
            ThrowHelper.Throw(Errno.EINVAL, $"attributes nested deeper than {ProtocolLimits.MaxNesting} levels", baseOffset - Nl.AttrHeaderLength);
        }

        var it = new NlAttrReader(attrs, baseOffset);
        while (it.TryNext(out NlAttr a))
        {
            if (policy is not null && policy.TryGetRule(a.Type, out AttrRule rule))
            {
                Check(a, rule, depth);
            }
            else if (a.NestedFlag && a.Value.Length >= Nl.AttrHeaderLength)
            {
                ValidateLevel(a.Value, a.Offset + Nl.AttrHeaderLength, null, depth + 1);
            }
        }
    }

    private static void Check(in NlAttr a, in AttrRule rule, int depth)
    {
        int len = a.Value.Length;
        switch (rule.Type)
        {
            case NlaType.U8:
                MinLength(a, rule, 1);
                break;
            case NlaType.U16:
                MinLength(a, rule, 2);
                break;
            case NlaType.U32:
            case NlaType.S32:
                MinLength(a, rule, 4);
                break;
            case NlaType.U64:
                MinLength(a, rule, 8);
                break;
            case NlaType.Flag:
                if (len > 0)
                {
                    ThrowHelper.Throw(Errno.ERANGE, $"flag attribute {rule.Name} has a {len}-byte value", a.Offset);
                }

                break;
            case NlaType.String:
                if (rule.MaxLen > 0 && a.StringLength > rule.MaxLen)
                {
                    ThrowHelper.Throw(Errno.ERANGE, $"attribute {rule.Name} is longer than {rule.MaxLen} characters", a.Offset);
                }

                break;
            case NlaType.NulString:
                int window = rule.MaxLen > 0 ? Math.Min(rule.MaxLen + 1, len) : len;
                if (window == 0 || a.Value[..window].IndexOf((byte)0) < 0)
                {
                    ThrowHelper.Throw(Errno.EINVAL, $"attribute {rule.Name} is not a NUL-terminated string of at most {rule.MaxLen} characters", a.Offset);
                }

                break;
            case NlaType.Binary:
                if (rule.MaxLen > 0 && len > rule.MaxLen)
                {
                    ThrowHelper.Throw(Errno.ERANGE, $"attribute {rule.Name} is longer than {rule.MaxLen} bytes", a.Offset);
                }

                break;
            case NlaType.Nested:
                if (len > 0 && len < Nl.AttrHeaderLength)
                {
                    ThrowHelper.Throw(Errno.ERANGE, $"nested attribute {rule.Name} is {len} bytes, too short for an attribute", a.Offset);
                }

                if (len > 0)
                {
                    ValidateLevel(a.Value, a.Offset + Nl.AttrHeaderLength, rule.Nested, depth + 1);
                }

                break;
        }
    }

    private static void MinLength(in NlAttr a, in AttrRule rule, int need)
    {
        if (a.Value.Length < need)
        {
            ThrowHelper.AttributeTooShort(rule.Name, need, a.Value.Length, a.Offset);
        }
    }
}
