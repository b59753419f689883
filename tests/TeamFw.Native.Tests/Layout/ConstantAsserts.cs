// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using TeamFw.Native.Interop;

namespace TeamFw.Native.Tests.Layout;

/// <summary>
/// Emits one assert per const in <see cref="Constants"/>: the C macro or enumerator of the same name,
/// converted to the C type of the C# constant, equals the C# value, and the conversion loses nothing
/// (so a C value that does not fit the C# type fails even if its low bits match).
/// </summary>
internal static class ConstantAsserts
{
    /// <summary>
    /// Constants that are not C names in the headers CProgram includes, with the reason. Empty today:
    /// every constant is a macro or enumerator of glibc or the kernel UAPI and all headers coexist.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NotInCHeaders { get; } = new Dictionary<string, string>();

    public static IEnumerable<FieldInfo> All
        => typeof(Constants).GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(static f => f.IsLiteral && !f.IsInitOnly)
            .OrderBy(static f => f.MetadataToken);

    public static int Append(StringBuilder c, Abi abi)
    {
        int count = 0;
        c.AppendLine();
        c.AppendLine("/* TeamFw.Native.Interop.Constants */");
        foreach (FieldInfo f in All)
        {
            if (NotInCHeaders.ContainsKey(f.Name))
            {
                continue;
            }

            object value = f.GetRawConstantValue()!;
            (string cType, bool signed) = CType(f.FieldType);
            string literal = Convert.ToString(value, CultureInfo.InvariantCulture) + (signed ? "ll" : "ull");
            string hex = string.Format(CultureInfo.InvariantCulture, "0x{0:X}", value);
            string name = f.Name;
            StructAsserts.Assert(
                c,
                $"({cType})({name}) == {literal} && ({name}) == ({cType})({name})",
                $"{abi.Name}: {name} == {value} ({hex}) as {cType}",
                ref count);
        }

        return count;
    }

    private static (string CType, bool Signed) CType(Type t) => Type.GetTypeCode(t) switch
    {
        TypeCode.Byte => ("uint8_t", false),
        TypeCode.SByte => ("int8_t", true),
        TypeCode.UInt16 => ("uint16_t", false),
        TypeCode.Int16 => ("int16_t", true),
        TypeCode.UInt32 => ("uint32_t", false),
        TypeCode.Int32 => ("int32_t", true),
        TypeCode.UInt64 => ("uint64_t", false),
        TypeCode.Int64 => ("int64_t", true),
        _ => throw new NotSupportedException($"constant of type {t} has no C integer counterpart"),
    };
}
