// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Reflection;
using Xunit.Sdk;

namespace TeamFw.Native.Tests.Layout;

/// <summary>
/// One theory row per ABI. xunit 2 has no dynamic skip, but it reads a data attribute's Skip when it
/// discovers the rows, so a row whose cross gcc is missing is skipped with the Debian package to install.
/// Under CI=true nothing is skipped: the test runs and fails with the same message, so a CI image that
/// lost a toolchain cannot turn the layout checks green by skipping them.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
internal sealed class GccAbiDataAttribute : DataAttribute
{
    /// <param name="abiName">The ABI of the row.</param>
    /// <param name="cxx">The test needs the ABI's g++ rather than its gcc.</param>
    public GccAbiDataAttribute(string abiName, bool cxx = false)
    {
        AbiName = abiName;
        Abi abi = Abi.ByName(abiName);
        if ((cxx ? abi.FindCxxCompiler() : abi.FindCompiler()) is null && !IsCi)
        {
            Skip = (cxx ? abi.MissingCxxCompilerMessage : abi.MissingCompilerMessage) + " (set CI=true to fail instead of skipping)";
        }
    }

    public string AbiName { get; }

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[AbiName]];
}
