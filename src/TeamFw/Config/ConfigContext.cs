// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace TeamFw.Config;

/// <summary>One load: the source name every message starts with, and the warnings collected so far.</summary>
internal sealed class ConfigContext
{
    private readonly List<string> _warnings = [];

    public ConfigContext(string source) => Source = source;

    public string Source { get; }

    public IReadOnlyList<string> Warnings => _warnings.AsReadOnly();

    public void Warn(string path, string reason) => _warnings.Add($"{Source}: {path}: {reason}");

    /// <summary>The first error wins: the load stops here and nothing half-parsed escapes.</summary>
    [DoesNotReturn]
    public void Fail(string path, string reason) => throw new ConfigException(Source, path, reason);
}
