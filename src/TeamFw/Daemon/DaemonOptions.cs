// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using Microsoft.Extensions.Logging;

namespace TeamFw.Daemon;

/// <summary>The daemon's command line (teamd(8)-like flags; README "Command line").</summary>
public sealed class DaemonOptions
{
    public List<string> Files { get; } = new();

    public string? InlineJson { get; set; }

    /// <summary>--uci FILE: the enabled teams of an OpenWrt UCI file (TeamFw.Uci), re-read on SIGHUP like the -f files.</summary>
    public string? UciFile { get; set; }

    public bool Daemonize { get; set; }

    public string? PidFile { get; set; }

    /// <summary>How the state document's setup shows this start (the pid file there is the one written, if any).</summary>
    public StateSetup StateSetup { get; set; }

    public string? Socket { get; set; }

    public LogLevel LogLevel { get; set; } = LogLevel.Information;

    public bool NoDestroy { get; set; }

    public bool Kill { get; set; }

    public bool CheckRunning { get; set; }
}
