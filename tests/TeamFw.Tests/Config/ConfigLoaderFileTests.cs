// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.IO;
using TeamFw.Config;
using Xunit;

namespace TeamFw.Tests.Config;

public sealed class ConfigLoaderFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("teamfw-config-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public void LoadFile_TeamdExample_UsesPathAsSource()
    {
        string path = Write("team0.conf", System.Text.Encoding.UTF8.GetBytes(ConfigTestData.Lacp));

        LoadResult r = ConfigLoader.LoadFile(path);

        Assert.Equal(path, r.Config.Source);
        Assert.Equal("lacp", r.Config.Runner.Name);
        Assert.Equal(ConfigTestData.Lacp, r.Config.Json);
    }

    [Fact]
    public void LoadFile_Missing_ThrowsNamingFileAndOsError()
    {
        string path = Path.Combine(_dir, "nope.conf");

        ConfigException ex = Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path));

        Assert.Equal($"{path}: $: cannot read file: No such file or directory", ex.Message);
        Assert.Equal(path, ex.Source);
    }

    [Fact]
    public void LoadFile_MissingDirectory_ThrowsNoSuchFile()
    {
        string path = Path.Combine(_dir, "no", "team0.conf");

        Assert.Equal($"{path}: $: cannot read file: No such file or directory",
            Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path)).Message);
    }

    [Fact]
    public void LoadFile_Directory_ThrowsIsADirectory()
    {
        Assert.Equal($"{_dir}: $: cannot read file: Is a directory",
            Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(_dir)).Message);
    }

    [Fact]
    public void LoadFile_Empty_ThrowsEmptyConfiguration()
    {
        string path = Write("empty.conf", []);

        Assert.Equal($"{path}: $: empty configuration", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path)).Message);
    }

    [Fact]
    public void LoadFile_InvalidUtf8_ThrowsWithByteOffset()
    {
        string path = Write("bad.conf", [(byte)'{', (byte)'"', 0xff, (byte)'"', (byte)':', (byte)'1', (byte)'}']);

        Assert.Equal($"{path}: $: invalid UTF-8 at byte 2", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path)).Message);
    }

    [Fact]
    public void LoadFile_TooLarge_Throws()
    {
        byte[] big = new byte[ConfigLoader.MaxFileBytes + 1];
        big.AsSpan().Fill((byte)' ');
        string path = Write("big.conf", big);

        Assert.Equal($"{path}: $: file is larger than 1048576 bytes", Assert.Throws<ConfigException>(() => ConfigLoader.LoadFile(path)).Message);
    }

    [Fact]
    public void LoadFile_ExactlyMaxSize_Loads()
    {
        byte[] text = new byte[ConfigLoader.MaxFileBytes];
        text.AsSpan().Fill((byte)' ');
        "{\"device\":\"team0\"}"u8.CopyTo(text);
        string path = Write("max.conf", text);

        Assert.Equal("team0", ConfigLoader.LoadFile(path).Config.Device);
    }
}
