// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using TeamFw.Config;

namespace TeamFw.Uci;

/// <summary>
/// Reads OpenWrt's UCI file format (/etc/config/*; openwrt.org/docs/guide-user/base-system/uci):
/// <c>package NAME</c>, <c>config TYPE ['NAME']</c>, <c>option NAME 'VALUE'</c> and <c>list NAME 'VALUE'</c>
/// lines. A value is a word, a 'single-quoted' string taken literally, a "double-quoted" string in which a
/// backslash escapes the next character, or several of these written together ('a'\''b' is a'b);
/// outside quotes a backslash escapes the next character too. A <c>#</c> where a word would start begins a
/// comment. An option given again replaces the earlier value, as uci does; a list grows. Not supported,
/// and refused with the line: quoted strings across lines and a backslash at the end of a line.
/// Errors are <see cref="ConfigException"/>s, "FILE:LINE: syntax error: REASON".
/// </summary>
public static class UciParser
{
    /// <summary>Far above any real /etc/config file; it keeps a wrong path (a log, a device) from being read whole.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    public static UciDocument ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var info = new FileInfo(path);
            if (info.Exists && info.Length > MaxFileBytes)
            {
                throw new ConfigException(path, "file", $"larger than {MaxFileBytes.ToString(CultureInfo.InvariantCulture)} bytes");
            }

            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException(path, "file", "cannot read: " + e.Message, e);
        }

        return Parse(path, text);
    }

    public static UciDocument Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        string package = Path.GetFileName(file);
        var sections = new List<UciSection>();
        var perType = new Dictionary<string, int>(StringComparer.Ordinal);
        UciSection? current = null;
        var tokens = new List<string>();
        string[] lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            int line = n + 1;
            Tokenize(file, line, lines[n].TrimEnd('\r'), tokens);
            if (tokens.Count == 0)
            {
                continue;
            }

            switch (tokens[0])
            {
                case "package":
                    Expect(file, line, tokens, 2, 2, "package NAME");
                    if (sections.Count > 0)
                    {
                        Fail(file, line, "'package' must come before the first section");
                    }

                    package = tokens[1];
                    break;
                case "config":
                    Expect(file, line, tokens, 2, 3, "config TYPE ['NAME']");
                    string type = tokens[1];
                    if (!IsName(type, allowDash: true))
                    {
                        Fail(file, line, $"invalid section type \"{type}\" (letters, digits, '_' and '-')");
                    }

                    string? name = tokens.Count == 3 ? tokens[2] : null;
                    if (name is not null && !IsName(name, allowDash: false))
                    {
                        Fail(file, line, $"invalid section name \"{name}\" (letters, digits and '_')");
                    }

                    int index = perType.GetValueOrDefault(type);
                    perType[type] = index + 1;
                    current = new UciSection(package, type, name, index, line);
                    sections.Add(current);
                    break;
                case "option":
                case "list":
                    bool isList = tokens[0] == "list";
                    Expect(file, line, tokens, 3, 3, tokens[0] + " NAME 'VALUE'");
                    if (current is null)
                    {
                        Fail(file, line, $"'{tokens[0]}' before the first 'config' line");
                    }

                    string option = tokens[1];
                    if (!IsName(option, allowDash: false))
                    {
                        Fail(file, line, $"invalid option name \"{option}\" (letters, digits and '_')");
                    }

                    UciOption? existing = current.Get(option);
                    if (existing is not null && existing.IsList != isList)
                    {
                        Fail(file, line, $"\"{option}\" is given both as an option (a single value) and as a list");
                    }

                    var values = new List<string>();
                    if (isList && existing is not null)
                    {
                        values.AddRange(existing.Values);
                    }

                    values.Add(tokens[2]);
                    current.Set(new UciOption(option, values, isList, line));
                    break;
                default:
                    Fail(file, line, $"unknown keyword \"{tokens[0]}\" (expected config, option, list or package)");
                    break;
            }
        }

        return new UciDocument(file, package, sections);
    }

    /// <summary>Splits one line into words (quotes and escapes resolved); stops at a comment.</summary>
    private static void Tokenize(string file, int line, string text, List<string> tokens)
    {
        tokens.Clear();
        int i = 0;
        var word = new StringBuilder();
        while (true)
        {
            while (i < text.Length && text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i >= text.Length || text[i] == '#')
            {
                return;
            }

            word.Clear();
            while (i < text.Length && text[i] is not (' ' or '\t'))
            {
                char c = text[i];
                if (c == '\'')
                {
                    int end = text.IndexOf('\'', i + 1);
                    if (end < 0)
                    {
                        Fail(file, line, "unterminated ' quote (a value cannot span lines)");
                    }

                    word.Append(text, i + 1, end - i - 1);
                    i = end + 1;
                }
                else if (c == '"')
                {
                    i++;
                    while (true)
                    {
                        if (i >= text.Length)
                        {
                            Fail(file, line, "unterminated \" quote (a value cannot span lines)");
                        }

                        char d = text[i];
                        if (d == '"')
                        {
                            i++;
                            break;
                        }

                        if (d == '\\' && i + 1 < text.Length)
                        {
                            d = text[++i];
                        }

                        word.Append(d);
                        i++;
                    }
                }
                else if (c == '\\')
                {
                    if (i + 1 >= text.Length)
                    {
                        Fail(file, line, "backslash at the end of the line (continued lines are not supported)");
                    }

                    word.Append(text[i + 1]);
                    i += 2;
                }
                else
                {
                    word.Append(c);
                    i++;
                }
            }

            tokens.Add(word.ToString());
        }
    }

    private static void Expect(string file, int line, List<string> tokens, int min, int max, string form)
    {
        if (tokens.Count < min || tokens.Count > max)
        {
            string more = tokens.Count > max ? " (quote a value that contains spaces)" : string.Empty;
            Fail(file, line, $"expected \"{form}\", got {tokens.Count.ToString(CultureInfo.InvariantCulture)} words{more}");
        }
    }

    private static bool IsName(string s, bool allowDash)
    {
        if (s.Length == 0)
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_' || (allowDash && c == '-')))
            {
                return false;
            }
        }

        return true;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string file, int line, string reason)
        => throw new ConfigException($"{file}:{line.ToString(CultureInfo.InvariantCulture)}", "syntax error", reason);
}
