// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Control.Options;

namespace TeamFw.Tests.Control;

/// <summary>Records each options change event as one line: the instances it names, array options with their index.</summary>
public sealed class OptionEventRecorder : IControlEvents
{
    public List<string> Lines { get; } = new();

    public void OptionsChanged(TeamControlState team, IReadOnlyList<OptionInstance> instances)
    {
        var parts = new List<string>();
        foreach (OptionInstance i in instances)
        {
            parts.Add(i.Option.ArraySize > 0 ? $"{i}[{i.ArrayIndex}]" : i.ToString());
        }

        Lines.Add(string.Join(", ", parts));
    }

    public void PortChanged(TeamControlState team, PortRecord port)
    {
    }

    public void LinkChanged(TeamfwCmd cmd, TeamControlState team, PortRecord? port)
    {
    }
}
