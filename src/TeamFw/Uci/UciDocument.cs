// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Globalization;

namespace TeamFw.Uci;

/// <summary>An <c>option</c> (one value) or a <c>list</c> (its values in order) of a section, and its line.</summary>
public sealed record UciOption(string Name, IReadOnlyList<string> Values, bool IsList, int Line);

/// <summary>
/// A <c>config TYPE ['NAME']</c> section. <see cref="Index"/> counts the sections of the same type
/// before it, which is how uci addresses an anonymous one: <c>teamfw.@team[0]</c>.
/// </summary>
public sealed class UciSection(string package, string type, string? name, int index, int line)
{
    private readonly Dictionary<string, UciOption> _options = new(System.StringComparer.Ordinal);
    private readonly List<UciOption> _order = new();

    public string Type { get; } = type;

    /// <summary>Null for an anonymous section.</summary>
    public string? Name { get; } = name;

    public int Index { get; } = index;

    public int Line { get; } = line;

    /// <summary>The uci path: <c>teamfw.team0</c>, or <c>teamfw.@team[1]</c> when anonymous.</summary>
    public string Path { get; } = name is not null ? $"{package}.{name}" : $"{package}.@{type}[{index.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>Options in the order of their (last) definition.</summary>
    public IReadOnlyList<UciOption> Options => _order;

    public UciOption? Get(string name) => _options.GetValueOrDefault(name);

    internal void Set(UciOption option)
    {
        if (_options.Remove(option.Name, out UciOption? old))
        {
            _order.Remove(old);
        }

        _options[option.Name] = option;
        _order.Add(option);
    }
}

/// <summary>A parsed /etc/config file: the package (the file's name unless a <c>package</c> line says otherwise) and its sections.</summary>
public sealed record UciDocument(string File, string Package, IReadOnlyList<UciSection> Sections);
