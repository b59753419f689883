// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.IO;
using TeamFw.State;
using Xunit;

namespace TeamFw.Tests.State;

/// <summary>What a daemon accepts from the state file a previous one left: only its own kind of file, of this boot and namespace.</summary>
public sealed class StateFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-state-").FullName;
    private readonly List<string> _warnings = [];

    private string File0 => Path.Combine(_dir, "teamfw.state");

    private static StateOrigin Here => new("b00t", "net:[4026531840]", 1);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void Write(byte[] content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        File.WriteAllBytes(File0, content);
        File.SetUnixFileMode(File0, mode);
    }

    [Theory]
    [InlineData("/run/teamfw/teamfw.sock", "/run/teamfw/teamfw.state")]
    [InlineData("/tmp/x/h.sock", "/tmp/x/h.state")]
    [InlineData("/tmp/control", "/tmp/control.state")]
    public void PathFor_SitsNextToTheSocket(string socket, string state) => Assert.Equal(state, StateFile.PathFor(socket));

    [Fact]
    public void Load_OurFile_IsTaken()
    {
        Write(StateCodec.Encode(StateCodecTests.Sample()));

        SavedState? s = StateFile.Load(File0, Here, _warnings.Add);

        Assert.NotNull(s);
        Assert.Equal(2, s.Ports.Count);
        Assert.Empty(_warnings);
    }

    [Fact]
    public void Load_NoFile_IsNothingToSay()
    {
        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));
        Assert.Empty(_warnings);
    }

    [Theory]
    [InlineData("other-boot", "net:[4026531840]", "written before the last reboot (boot other-boot); ignored")]
    [InlineData("b00t", "net:[4026532999]", "written in another network namespace (net:[4026532999], this is net:[4026531840]); ignored")]
    public void Load_OtherBootOrNamespace_IsIgnoredWithTheReason(string boot, string netns, string why)
    {
        Write(StateCodec.Encode(StateCodecTests.Sample(boot, netns)));

        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));

        Assert.Equal($"{File0}: {why}", Assert.Single(_warnings));
    }

    [Fact]
    public void Load_ReadableByOthers_IsNotTrusted()
    {
        Write(StateCodec.Encode(StateCodecTests.Sample()), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));

        Assert.Equal($"{File0}: not trusted, its mode is 644: group or others may use it (teamfw writes 600); ignored", Assert.Single(_warnings));
    }

    [Fact]
    public void Load_SymbolicLinkOrDirectory_IsNotTrusted()
    {
        string target = Path.Combine(_dir, "elsewhere");
        File.WriteAllBytes(target, StateCodec.Encode(StateCodecTests.Sample()));
        File.CreateSymbolicLink(File0, target);
        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));
        File.Delete(File0);
        Directory.CreateDirectory(File0);
        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));

        Assert.Equal(2, _warnings.Count);
        Assert.All(_warnings, w => Assert.Equal($"{File0}: not trusted, it is not a regular file; ignored", w));
    }

    [Fact]
    public void Load_Corrupt_SaysWhereItBroke()
    {
        byte[] content = StateCodec.Encode(StateCodecTests.Sample());
        Write(content.AsSpan(0, content.Length / 2).ToArray());

        Assert.Null(StateFile.Load(File0, Here, _warnings.Add));

        Assert.StartsWith($"{File0}: corrupt (not JSON: ", Assert.Single(_warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void DaemonState_PreviousEntries_AreLeftoversUntilTakenBack_AndTheFileGoesWhenEmpty()
    {
        SavedState previous = StateCodecTests.Sample();
        var state = new DaemonState(File0, Here, previous);
        Assert.Equal(4242, state.PreviousPid);
        Assert.Equal(["a1", "a2"], [.. System.Linq.Enumerable.Select(state.LeftoverPorts, p => p.Name)]);

        PortRecord? a1 = state.TakePort("a1");
        Assert.Equal(1400, a1!.Original.Mtu);
        Assert.Null(state.TakePort("a1")); // taken once
        Assert.Equal("a2", Assert.Single(state.LeftoverPorts).Name);
        Assert.NotNull(state.TakeTeam("team0"));
        Assert.Empty(state.LeftoverTeams);

        // Taken entries stay in the file, now with our origin.
        state.Write();
        SavedState onDisk = StateFile.Load(File0, Here, _warnings.Add)!;
        Assert.Equal(Here, onDisk.Origin);
        Assert.Equal(2, onDisk.Ports.Count);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(File0));

        state.RemovePort("a1");
        state.RemovePort("a2");
        Assert.True(File.Exists(File0));
        state.RemoveTeam("team0");
        Assert.False(File.Exists(File0), "no entries: no file");
        Assert.Empty(Directory.GetFileSystemEntries(_dir)); // no temporary file left either
    }
}
