// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Text;

namespace TeamFw.Native.Tests.Layout;

/// <summary>
/// Emits, per struct, its sizeof and alignment and, per field, offsetof, sizeof(member), what kind of C
/// type the member is (__builtin_classify_type) and, for integers, its signedness, all as the model
/// computes them for one ABI, or as a layout measured elsewhere (the arm64 board's Native AOT code).
/// </summary>
internal static class StructAsserts
{
    // gcc's typeclass.h: integer (including enums and char), real, pointer (and arrays, which decay), struct, union.
    private const int IntegerClass = 1;
    private const int PointerClass = 5;
    private const int RealClass = 8;
    private const int RecordClass = 12;
    private const int UnionClass = 13;

    public static int Append(StringBuilder c, Abi abi, KernelStruct ks) => Append(c, abi, ks, CLayoutModel.Layout(ks.Type, abi));

    public static int Append(StringBuilder c, Abi abi, KernelStruct ks, CStructLayout layout)
    {
        string t = ks.CType;
        string who = $"{abi.Name}: {ks.Type.Name}";
        int count = 0;
        c.AppendLine();
        c.AppendLine($"/* {ks.Type.FullName} */");
        Assert(c, $"sizeof({t}) == {layout.Size}", $"{who}: sizeof == {layout.Size}", ref count);
        Assert(c, $"_Alignof({t}) == {layout.Align}", $"{who}: alignment == {layout.Align}", ref count);
        foreach (CFieldLayout f in layout.Fields)
        {
            string m = ks.CMember(f.Name);
            string member = $"((({t} *)0)->{m})";
            string field = $"{who}.{f.Name} ({m})";
            CTypeLayout ft = f.Type;
            Assert(c, $"offsetof({t}, {m}) == {f.Offset}", $"{field}: offset == {f.Offset}", ref count);
            Assert(c, $"sizeof({member}) == {ft.Size}", $"{field}: size == {ft.Size}", ref count);
            switch (ft.Kind)
            {
                case CKind.SignedInteger or CKind.UnsignedInteger:
                    bool signed = ft.Kind == CKind.SignedInteger;
                    Assert(c, $"__builtin_classify_type({member}) == {IntegerClass}", $"{field}: is an integer", ref count);
                    Assert(c, $"((__typeof__({member}))-1 < 0) == {(signed ? 1 : 0)}", $"{field}: is {(signed ? "signed" : "unsigned")}", ref count);
                    break;
                case CKind.Floating:
                    Assert(c, $"__builtin_classify_type({member}) == {RealClass}", $"{field}: is floating point", ref count);
                    break;
                case CKind.Pointer:
                    Assert(c, $"__builtin_classify_type({member}) == {PointerClass}", $"{field}: is a pointer", ref count);
                    break;
                case CKind.Array:
                    Assert(c, $"sizeof(({member})[0]) == {ft.ElementSize}", $"{field}: element size == {ft.ElementSize}", ref count);
                    break;
                case CKind.Struct:
                    Assert(c, $"__builtin_classify_type({member}) == {RecordClass} || __builtin_classify_type({member}) == {UnionClass}", $"{field}: is a struct or union", ref count);
                    break;
            }
        }

        return count;
    }

    public static void Assert(StringBuilder c, string condition, string message, ref int count)
    {
        c.AppendLine($"_Static_assert({condition}, \"{CProgram.Escape(message)}\");");
        count++;
    }
}
