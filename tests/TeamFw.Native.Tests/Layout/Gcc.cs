// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Linq;
using Xunit;

namespace TeamFw.Native.Tests.Layout;

/// <summary>Runs generated C through one ABI's gcc and turns its verdict into an xunit assertion.</summary>
internal static class Gcc
{
    private const int MaxErrorLines = 80;

    public static CompileResult Compile(Abi abi, string unitName, string source)
    {
        string? compiler = abi.FindCompiler();
        if (compiler is null)
        {
            Assert.Fail(abi.MissingCompilerMessage);
        }

        return CProgram.Compile(compiler, $"{abi.Name}-{unitName}", source);
    }

    public static void AssertAccepts(Abi abi, string unitName, string source)
    {
        CompileResult result = Compile(abi, unitName, source);
        Assert.True(result.Success, $"{abi.Compiler} rejected the generated {unitName} checks:\n{ErrorLines(result.Output)}");
    }

    /// <summary>The diagnostic lines only, without gcc's source excerpts, capped.</summary>
    public static string ErrorLines(string output)
    {
        string[] errors = output.Split('\n')
            .Where(static l => l.Contains("error", StringComparison.Ordinal))
            .ToArray();
        string shown = string.Join('\n', errors.Take(MaxErrorLines));
        return errors.Length > MaxErrorLines ? shown + $"\n... and {errors.Length - MaxErrorLines} more" : shown;
    }
}
