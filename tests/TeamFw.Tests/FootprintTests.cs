// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Linq;
using System.Reflection;
using Xunit;

namespace TeamFw.Tests;

/// <summary>
/// Keeps out the framework assemblies teamfw replaced with a few lines of its own to stay under issue
/// 6's 3 MB binary: each brought 100 KB or more into the Native AOT binary (README, Runtime footprint).
/// </summary>
public sealed class FootprintTests
{
    [Theory]
    [InlineData("System.Console")] // StdIo
    [InlineData("System.Diagnostics.Process")] // ChildProcess, CapturedProcess
    [InlineData("System.Net.Sockets")] // UnixSeqPacket, UnixDatagram
    [InlineData("System.Net.NameResolution")] // HostNames (getaddrinfo)
    [InlineData("Microsoft.Extensions.Logging")] // only the abstractions: StderrLoggerProvider, LogSetup
    [InlineData("Microsoft.Extensions.Logging.Console")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    public void Binary_DoesNotReference(string assembly)
    {
        foreach (Assembly a in new[] { typeof(Program).Assembly, typeof(Native.Runtime.ChildProcess).Assembly })
        {
            Assert.DoesNotContain(assembly, a.GetReferencedAssemblies().Select(static r => r.Name));
        }
    }
}
