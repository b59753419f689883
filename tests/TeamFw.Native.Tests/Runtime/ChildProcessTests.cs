// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.IO;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using Xunit;

namespace TeamFw.Native.Tests.Runtime;

public sealed class ChildProcessTests
{
    [Fact]
    public void Spawn_PassesArgvAndEnvironment_WaitReturnsExitCode()
    {
        string dir = Directory.CreateTempSubdirectory("teamfw-spawn-").FullName;
        try
        {
            string output = Path.Combine(dir, "out");
            int pid = ChildProcess.Spawn(
                "/bin/sh",
                ["sh", "-c", "printf '%s|%s' \"$1\" \"$GREETING\" > \"$2\"; exit 3", "sh", "two words", output],
                ["GREETING=héllo", "PATH=/usr/bin:/bin"]);

            Assert.Equal(3, ChildProcess.WaitForExit(pid));
            Assert.Equal("two words|héllo", File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void WaitForExit_KilledBySignal_Returns128PlusSignal()
    {
        int pid = ChildProcess.Spawn("/bin/sh", ["sh", "-c", "kill -TERM $$"], []);
        Assert.Equal(128 + 15, ChildProcess.WaitForExit(pid));
    }

    [Fact]
    public void Spawn_MissingProgram_ThrowsNamingIt()
    {
        var e = Assert.Throws<ErrnoException>(() => ChildProcess.Spawn("/nonexistent/teamfw", ["teamfw"], []));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("/nonexistent/teamfw", e.Message, System.StringComparison.Ordinal);
    }
}
