// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

namespace TeamFw.Native.Tests.Layout;

/// <summary>
/// One C ABI we ship for: how C lays out the scalar types our structs use, and the gcc that proves it.
/// 64-bit integers and doubles are 8-aligned on all three (AAPCS for armhf, unlike i386's 4, which we do not target).
/// </summary>
internal sealed record Abi(
    string Name,
    string Triplet,
    string DebianPackage,
    int PointerSize,
    int Int64Align,
    int DoubleAlign,
    string PredefinedMacroCheck)
{
    public static readonly Abi X86_64 = new(
        "x86_64", "x86_64-linux-gnu", "gcc (amd64 host) or gcc-x86-64-linux-gnu",
        8, 8, 8, "defined(__x86_64__) && defined(__LP64__)");

    public static readonly Abi Aarch64 = new(
        "aarch64", "aarch64-linux-gnu", "gcc-aarch64-linux-gnu",
        8, 8, 8, "defined(__aarch64__) && defined(__LP64__)");

    public static readonly Abi Armhf = new(
        "armhf", "arm-linux-gnueabihf", "gcc-arm-linux-gnueabihf",
        4, 8, 8, "defined(__arm__) && defined(__ARM_EABI__) && defined(__ARM_PCS_VFP)");

    public static IReadOnlyList<Abi> All { get; } = [X86_64, Aarch64, Armhf];

    public string Compiler => Triplet + "-gcc";

    /// <summary>This ABI's g++ (the prototype checks need C++ to take a function type apart).</summary>
    public string CxxCompiler => Triplet + "-g++";

    public static Abi ByName(string name)
    {
        foreach (Abi abi in All)
        {
            if (abi.Name == name)
            {
                return abi;
            }
        }

        throw new ArgumentException($"unknown ABI '{name}'", nameof(name));
    }

    /// <summary>The ABI this test process runs under, whose real C# layout the model must reproduce.</summary>
    public static Abi? Host => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => X86_64,
        Architecture.Arm64 => Aarch64,
        Architecture.Arm => Armhf,
        _ => null,
    };

    /// <summary>Full path of this ABI's gcc on PATH, or null when the toolchain is not installed.</summary>
    public string? FindCompiler() => FindOnPath(Compiler);

    /// <summary>Full path of this ABI's g++ on PATH, or null when it is not installed.</summary>
    public string? FindCxxCompiler() => FindOnPath(CxxCompiler);

    private static string? FindOnPath(string program)
    {
        string? path = Environment.GetEnvironmentVariable("PATH");
        if (path is null)
        {
            return null;
        }

        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public string MissingCompilerMessage
        => $"{Compiler} not found on PATH: install the Debian package {DebianPackage} to check the {Name} ABI";

    public string MissingCxxCompilerMessage
        => $"{CxxCompiler} not found on PATH: install the Debian package {DebianPackage.Replace("gcc", "g++", StringComparison.Ordinal)} to check the {Name} ABI's prototypes";

    public override string ToString() => Name;
}
