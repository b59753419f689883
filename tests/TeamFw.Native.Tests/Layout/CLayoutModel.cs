// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace TeamFw.Native.Tests.Layout;

/// <summary>What a member is in C, for the checks that go beyond offset and size.</summary>
internal enum CKind
{
    SignedInteger,
    UnsignedInteger,
    Floating,
    Pointer,
    Array,
    Struct,
}

/// <summary>A C type's size and alignment; for an array also the size of one element.</summary>
internal readonly record struct CTypeLayout(int Size, int Align, CKind Kind, int ElementSize = 0);

internal sealed record CFieldLayout(FieldInfo Field, int Offset, CTypeLayout Type)
{
    public string Name => Field.Name;
}

internal sealed record CStructLayout(Type Type, int Size, int Align, IReadOnlyList<CFieldLayout> Fields);

/// <summary>
/// Lays out a C# interop struct the way a C compiler for <see cref="Abi"/> lays out the same declaration:
/// sequential fields at their natural alignment, explicit (union) fields at their FieldOffset, the size
/// rounded up to the largest alignment. The C# runtime only shows us the host's layout; this model gives
/// the 32-bit one too, and is itself checked against the runtime on the host (StructLayoutTests).
/// </summary>
internal static class CLayoutModel
{
    public static CStructLayout Layout(Type type, Abi abi)
    {
        if (!type.IsValueType || type.IsEnum || type.IsPrimitive)
        {
            throw new NotSupportedException($"{type} is not a struct");
        }

        StructLayoutAttribute layout = type.StructLayoutAttribute
            ?? throw new NotSupportedException($"{type.Name} has no StructLayout");
        if (layout.Value == LayoutKind.Auto)
        {
            throw new NotSupportedException($"{type.Name}: LayoutKind.Auto has no C equivalent");
        }

        if (layout.Size != 0)
        {
            // C has no "Size ="; R4 wants the padding written out as fields, so gcc can check it.
            throw new NotSupportedException($"{type.Name}: StructLayout.Size has no C equivalent; declare explicit padding fields");
        }

        int pack = layout.Pack == 0 ? int.MaxValue : layout.Pack; // Pack = N is #pragma pack(N)
        var fields = new List<CFieldLayout>();
        int offset = 0;
        int align = 1;
        int end = 0;
        foreach (FieldInfo field in InstanceFields(type))
        {
            CTypeLayout ft = FieldType(field, abi);
            int fieldAlign = Math.Min(ft.Align, pack);
            if (layout.Value == LayoutKind.Explicit)
            {
                offset = field.GetCustomAttribute<FieldOffsetAttribute>()?.Value
                    ?? throw new NotSupportedException($"{type.Name}.{field.Name} has no FieldOffset");
            }
            else
            {
                offset = AlignUp(offset, fieldAlign);
            }

            fields.Add(new CFieldLayout(field, offset, ft));
            offset += ft.Size;
            end = Math.Max(end, offset);
            align = Math.Max(align, fieldAlign);
        }

        if (fields.Count == 0)
        {
            throw new NotSupportedException($"{type.Name}: an empty struct is 1 byte in C# but 0 in GNU C");
        }

        return new CStructLayout(type, AlignUp(end, align), align, fields);
    }

    /// <summary>Instance fields in declaration order (metadata order; reflection does not promise any order).</summary>
    public static IEnumerable<FieldInfo> InstanceFields(Type type)
        => type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .OrderBy(static f => f.MetadataToken);

    private static CTypeLayout FieldType(FieldInfo field, Abi abi)
    {
        FixedBufferAttribute? fixedBuffer = field.GetCustomAttribute<FixedBufferAttribute>();
        if (fixedBuffer is not null)
        {
            CTypeLayout element = ScalarOrStruct(fixedBuffer.ElementType, abi);
            return new CTypeLayout(element.Size * fixedBuffer.Length, element.Align, CKind.Array, element.Size);
        }

        return ScalarOrStruct(field.FieldType, abi);
    }

    private static CTypeLayout ScalarOrStruct(Type t, Abi abi)
    {
        if (t.IsPointer || t.IsFunctionPointer || t.IsUnmanagedFunctionPointer)
        {
            return new CTypeLayout(abi.PointerSize, abi.PointerSize, CKind.Pointer);
        }

        if (t.IsEnum)
        {
            t = Enum.GetUnderlyingType(t);
        }

        // R4 bans bool and char (their C size is a convention, not a fact), so the model refuses them too.
        return Type.GetTypeCode(t) switch
        {
            TypeCode.Byte => new(1, 1, CKind.UnsignedInteger),
            TypeCode.SByte => new(1, 1, CKind.SignedInteger),
            TypeCode.UInt16 => new(2, 2, CKind.UnsignedInteger),
            TypeCode.Int16 => new(2, 2, CKind.SignedInteger),
            TypeCode.UInt32 => new(4, 4, CKind.UnsignedInteger),
            TypeCode.Int32 => new(4, 4, CKind.SignedInteger),
            TypeCode.UInt64 => new(8, abi.Int64Align, CKind.UnsignedInteger),
            TypeCode.Int64 => new(8, abi.Int64Align, CKind.SignedInteger),
            TypeCode.Single => new(4, 4, CKind.Floating),
            TypeCode.Double => new(8, abi.DoubleAlign, CKind.Floating),
            _ when t == typeof(nint) => new(abi.PointerSize, abi.PointerSize, CKind.SignedInteger),
            _ when t == typeof(nuint) => new(abi.PointerSize, abi.PointerSize, CKind.UnsignedInteger),
            _ when t.IsValueType && !t.IsPrimitive => Nested(t, abi),
            _ => throw new NotSupportedException($"{t} has no C counterpart in the layout model"),
        };
    }

    private static CTypeLayout Nested(Type t, Abi abi)
    {
        CStructLayout nested = Layout(t, abi);
        return new CTypeLayout(nested.Size, nested.Align, CKind.Struct);
    }

    private static int AlignUp(int value, int align) => (value + align - 1) / align * align;
}
