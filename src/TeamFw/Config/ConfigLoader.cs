// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;

namespace TeamFw.Config;

/// <summary>A loaded config and the warnings (unknown or ignored keys), each "{source}: {path}: {reason}".</summary>
public sealed record LoadResult(TeamConfig Config, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads teamd's JSON config format (man teamd.conf; keys and defaults as teamd's code reads them)
/// into <see cref="TeamConfig"/>. The walk is over <see cref="JsonDocument"/>, not a serializer:
/// it needs exact paths, jansson's integer-versus-real distinction, duplicate-key detection and
/// warnings for unknown keys, and it stays trim/AOT safe without reflection.
/// A config either loads completely or throws the first <see cref="ConfigException"/>.
/// </summary>
public static partial class ConfigLoader
{
    /// <summary>The source name of a config given inline with <c>-c</c>.</summary>
    public const string InlineSource = "-c";

    /// <summary>One team binds 1..32 ports (teamfw's own bound, the size of Team's per-port tables; the kernel team has none).</summary>
    public const int MaxPorts = 32;

    /// <summary>No sane teamd config comes near this; it keeps <c>-f /dev/zero</c> from eating the heap.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    // jansson (teamd's parser) rejects comments and trailing commas; so do we.
    private static readonly JsonDocumentOptions s_documentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static LoadResult Load(string source, string json)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(json);
        var ctx = new ConfigContext(source);
        using JsonDocument doc = Parse(ctx, json);
        TeamConfig config = ReadTeam(ctx, doc.RootElement, json);
        return new LoadResult(config, ctx.Warnings);
    }

    /// <summary>Reads and loads a file; the file name as given is the source of every message.</summary>
    public static LoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Load(path, ReadText(path));
    }

    private static string ReadText(string path)
    {
        // FileStream reports a directory as "access denied"; say what it is.
        if (Directory.Exists(path))
        {
            throw new ConfigException(path, JsonPaths.Root, "cannot read file: Is a directory");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.None);
            bytes = ReadAtMost(stream, MaxFileBytes + 1);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, JsonPaths.Root, $"cannot read file: {OsError(ex)}", ex);
        }
        if (bytes.Length > MaxFileBytes)
        {
            throw new ConfigException(path, JsonPaths.Root, $"file is larger than {MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes");
        }

        try
        {
            return s_strictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            // jansson refuses invalid UTF-8 too; a silent U+FFFD would change names.
            throw new ConfigException(path, JsonPaths.Root, $"invalid UTF-8 at byte {ex.Index.ToString(CultureInfo.InvariantCulture)}", ex);
        }
    }

    private static byte[] ReadAtMost(Stream stream, int limit)
    {
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int n;
        while (buffer.Length < limit && (n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - buffer.Length))) > 0)
        {
            buffer.Write(chunk, 0, n);
        }

        return buffer.ToArray();
    }

    // On Unix the runtime puts the raw errno into HResult of the IOExceptions it makes from a
    // failed syscall; strerror() of it is the message users know ("No such file or directory").
    private static string OsError(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        IOException { HResult: > 0 and < 4096 } io => System.Runtime.InteropServices.Marshal.GetPInvokeErrorMessage(io.HResult),
        _ => ex.Message,
    };

    private static JsonDocument Parse(ConfigContext ctx, string json)
    {
        // A BOM is not JSON, but editors write one; it is harmless to skip.
        ReadOnlyMemory<char> text = json.AsMemory();
        if (text.Span.StartsWith('\uFEFF'))
        {
            text = text[1..];
        }

        if (text.Span.Trim(" \t\r\n").IsEmpty)
        {
            ctx.Fail(JsonPaths.Root, "empty configuration");
        }

        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, s_documentOptions);
        }
        catch (JsonException ex)
        {
            throw new ConfigException(ctx.Source, JsonPaths.Root, InvalidJson(ex), ex);
        }
        catch (ArgumentException ex)
        {
            // The text is transcoded to UTF-8 first; a lone surrogate cannot be.
            throw new ConfigException(ctx.Source, JsonPaths.Root, "invalid text: unpaired UTF-16 surrogate", ex);
        }
        try
        {
            CheckTree(ctx, doc.RootElement, JsonPaths.Root);
        }
        catch
        {
            doc.Dispose();
            throw;
        }
        return doc;
    }

    // JsonException counts lines and bytes from 0; editors count from 1.
    private static string InvalidJson(JsonException ex)
    {
        string detail = ex.Message;
        int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            detail = detail[..cut];
        }

        long line = (ex.LineNumber ?? 0) + 1;
        long position = (ex.BytePositionInLine ?? 0) + 1;
        return $"invalid JSON at line {line.ToString(CultureInfo.InvariantCulture)}, position {position.ToString(CultureInfo.InvariantCulture)}: {SpellOutResourceKey(detail.TrimEnd())}";
    }

    /// <summary>
    /// The AOT build sets UseSystemResourceKeys, so there a JsonException's message is the
    /// resource key and its arguments ("ExpectedStartOfValueNotFound, /"); this spells the key
    /// out ("expected start of value not found: /"). A full English message passes unchanged.
    /// </summary>
    internal static string SpellOutResourceKey(string detail)
    {
        int comma = detail.IndexOf(", ", StringComparison.Ordinal);
        ReadOnlySpan<char> key = comma < 0 ? detail : detail.AsSpan(0, comma);
        if (key.IsEmpty || !char.IsAsciiLetterUpper(key[0]) || key.ContainsAnyExceptInRange('A', 'z') || key.ContainsAnyInRange('[', '`'))
        {
            return detail;
        }

        var words = new StringBuilder(detail.Length + 8);
        foreach (char c in key)
        {
            if (char.IsAsciiLetterUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }
        if (comma >= 0)
        {
            words.Append(": ").Append(detail.AsSpan(comma + 2));
        }

        return words.ToString();
    }

    // teamd loads with JSON_REJECT_DUPLICATES, and jansson refuses "\ud800" escapes; this
    // checks both over the whole tree, unknown parts included, before anything is read.
    private static void CheckTree(ConfigContext ctx, JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in e.EnumerateObject())
            {
                string name = Decoded(ctx, p, path);
                string child = JsonPaths.Key(path, name);
                if (!seen.Add(name))
                {
                    ctx.Fail(child, $"duplicate key \"{name}\"");
                }

                CheckTree(ctx, p.Value, child);
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            int i = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                CheckTree(ctx, item, JsonPaths.Index(path, i++));
            }
        }
        else if (e.ValueKind == JsonValueKind.String)
        {
            Decoded(ctx, e, path);
        }
    }

    private const string UnpairedSurrogate = "unpaired UTF-16 surrogate in a \\u escape";

    private static string Decoded(ConfigContext ctx, JsonProperty p, string path)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException(ctx.Source, path, $"key with an {UnpairedSurrogate}", ex);
        }
    }

    private static void Decoded(ConfigContext ctx, JsonElement e, string path)
    {
        try
        {
            _ = e.GetString();
        }
        catch (InvalidOperationException ex)
        {
            throw new ConfigException(ctx.Source, path, UnpairedSurrogate, ex);
        }
    }

    private static TeamConfig ReadTeam(ConfigContext ctx, JsonElement root, string json)
    {
        ObjectReader top = ObjectReader.Open(ctx, root, JsonPaths.Root);
        top.Require("device");
        string device = InterfaceName(ctx, top.String("device")!, top.PathOf("device"));
        var config = new TeamConfig
        {
            Source = ctx.Source,
            Json = json,
            Device = device,
            HwAddr = ReadHwAddr(top),
            DebugLevel = top.Int("debug_level", 0, 0, int.MaxValue),
            Runner = ReadRunner(top.Object("runner")),
            LinkWatch = ReadLinkWatches(top) ?? s_defaultLinkWatch,
            LinkWatchPolicy = top.Choice("link_watch_policy", "any", "link watch policy", s_linkWatchPolicies),
            NotifyPeers = ReadNotify(top.Object("notify_peers")),
            McastRejoin = ReadNotify(top.Object("mcast_rejoin")),
            Ports = ReadPorts(top, device),
            TeamFw = ReadTeamFw(top.Object("teamfw")),
        };
        top.WarnUnknown();
        return config;
    }

    private static readonly string[] s_linkWatchPolicies = ["any", "all"];

    private static NotifyConfig ReadNotify(ObjectReader? r)
    {
        if (r is null)
        {
            return new NotifyConfig();
        }

        var notify = new NotifyConfig
        {
            Count = r.OptionalInt("count", 0, int.MaxValue),
            Interval = r.Int("interval", 0, 0, int.MaxValue),
        };
        r.WarnUnknown();
        return notify;
    }
}
