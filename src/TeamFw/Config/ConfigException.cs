// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;

namespace TeamFw.Config;

/// <summary>
/// A configuration the loader refuses. <see cref="Exception.Message"/> is
/// <c>"{source}: {jsonPath}: {reason}"</c>, e.g. <c>team0.conf: $.runner.tx_hash[2]: unknown field "l7" (allowed: …)</c>;
/// the CLI prints it as is and exits 2 (README "Command line", exit codes).
/// </summary>
public sealed class ConfigException : Exception
{
    private readonly string _source;

    public ConfigException(string source, string jsonPath, string reason, Exception? inner = null)
        : base($"{source}: {jsonPath}: {reason}", inner)
    {
        _source = source;
        JsonPath = jsonPath;
        Reason = reason;
    }

    /// <summary>The config file name as given, or "-c" for inline JSON (hides <see cref="Exception.Source"/>'s assembly name).</summary>
    public override string Source => _source;

    /// <summary>Where in the document: <c>$</c>, <c>$.runner.name</c>, <c>$.link_watch[1].interval</c>, <c>$.ports.eth1.prio</c>.</summary>
    public string JsonPath { get; }

    public string Reason { get; }
}
