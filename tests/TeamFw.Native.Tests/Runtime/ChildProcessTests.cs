// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.IO;
using System.Threading;
using Microsoft.Win32.SafeHandles;
using TeamFw.Native.Interop;
using TeamFw.Native.Runtime;
using TeamFw.Native.Sockets;
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

    [Fact]
    public void Spawn_SearchPathAndRedirect_WritesToTheGivenFile()
    {
        string dir = Directory.CreateTempSubdirectory("teamfw-spawn-").FullName;
        try
        {
            string output = Path.Combine(dir, "out");
            int pid;
            using (SafeFileHandle file = File.OpenHandle(output, FileMode.Create, FileAccess.Write))
            {
                pid = ChildProcess.Spawn("sh", ["sh", "-c", "echo out; echo err >&2"], ["PATH=/usr/bin:/bin"], new StdioRedirect(null, file, file), searchPath: true);
            }

            Assert.Equal(0, ChildProcess.WaitForExit(pid));
            Assert.Equal("out\nerr\n", File.ReadAllText(output));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TryWaitForExit_Running_FalseThenTrueOnceExited()
    {
        int pid = ChildProcess.Spawn("/bin/sh", ["sh", "-c", "sleep 30; exit 4"], [], default, searchPath: false);
        try
        {
            Assert.False(ChildProcess.TryWaitForExit(pid, out _));
        }
        finally
        {
            Posix.Kill(pid, 9);
        }

        Assert.Equal(128 + 9, ChildProcess.WaitForExit(pid));
    }

    [Fact]
    public void EnvironmentWith_SetsOneVariableOnce()
    {
        var env = ChildProcess.EnvironmentWith("PATH", "/x");
        Assert.Single(env, static e => e.StartsWith("PATH=", System.StringComparison.Ordinal));
        Assert.Contains("PATH=/x", env);
    }

    [Fact]
    public void CapturedProcess_CapturesStdoutStderrAndExitCode()
    {
        using var p = CapturedProcess.Start("sh", ["sh", "-c", "echo héllo; echo oops >&2; exit 5"], ["PATH=/usr/bin:/bin"]);

        Assert.True(p.WaitForExit(10_000, CancellationToken.None));
        Assert.Equal(5, p.ExitCode);
        Assert.Equal("héllo\n", p.ReadStdout());
        Assert.Equal("oops\n", p.ReadStderr());
    }

    [Fact]
    public void CapturedProcess_MoreOutputThanAPipeHolds_DoesNotBlockTheChild()
    {
        // 300 000 lines, far beyond a 64 KiB pipe buffer, written while nobody reads.
        using var p = CapturedProcess.Start("sh", ["sh", "-c", "seq 1 300000"], ["PATH=/usr/bin:/bin"]);

        Assert.True(p.WaitForExit(30_000, CancellationToken.None));
        Assert.Equal(0, p.ExitCode);
        Assert.EndsWith("\n299999\n300000\n", p.ReadStdout(), System.StringComparison.Ordinal);
    }

    [Fact]
    public void CapturedProcess_Timeout_FalseAndKillReaps()
    {
        using var p = CapturedProcess.Start("sleep", ["sleep", "30"], ["PATH=/usr/bin:/bin"]);

        Assert.False(p.WaitForExit(50, CancellationToken.None));
        p.Kill();
        Assert.Equal(128 + 9, p.ExitCode);
    }

    [Fact]
    public void CapturedProcess_Cancelled_Throws()
    {
        using var cts = new CancellationTokenSource(50);
        using var p = CapturedProcess.Start("sleep", ["sleep", "30"], ["PATH=/usr/bin:/bin"]);

        Assert.Throws<System.OperationCanceledException>(() => p.WaitForExit(30_000, cts.Token));
    }

    [Fact]
    public void CapturedProcess_MissingProgram_ThrowsNamingIt()
    {
        var e = Assert.Throws<ErrnoException>(() => CapturedProcess.Start("teamfw-no-such-tool", ["teamfw-no-such-tool"], ["PATH=/usr/bin:/bin"]));
        Assert.Equal(Errno.ENOENT, e.Errno);
        Assert.Contains("teamfw-no-such-tool", e.Message, System.StringComparison.Ordinal);
    }
}
