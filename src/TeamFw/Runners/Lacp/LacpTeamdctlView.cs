// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Globalization;
using System.Text.Json;
using TeamFw.Cli.Teamdctl;
using static TeamFw.Cli.Teamdctl.StateViewLines;

namespace TeamFw.Runners.Lacp;

/// <summary>teamdctl's <c>state view</c> of the lacp runner's objects (teamdctl.c: stateview_json_lacp_*).</summary>
internal static class LacpTeamdctlView
{
    /// <summary>runner{active, fast_rate, sys_prio}.</summary>
    public static void Runner(StateViewLines v, JsonElement r)
    {
        v.Line(1, "runner:");
        v.Indent();
        v.Line(1, "active: " + YesNo(r, "active"));
        v.Line(1, "fast rate: " + YesNo(r, "fast_rate"));
        v.Line(2, "system priority: " + Str(r, "sys_prio"));
        v.Outdent();
    }

    /// <summary>ports.IF.runner: the aggregator, selection, state and both sides' LACPDU info.</summary>
    public static void Port(StateViewLines v, JsonElement pr)
    {
        v.Line(1, "runner:");
        v.Indent();
        JsonElement agg = Get(pr, "aggregator");
        v.Line(1, $"aggregator ID: {Str(agg, "id")}{(Bool(agg, "selected") ? ", Selected" : string.Empty)}");
        v.Line(1, "selected: " + YesNo(pr, "selected"));
        v.Line(1, "state: " + Str(pr, "state"));
        v.Line(2, "key: " + Str(pr, "key"));
        v.Line(2, "priority: " + Str(pr, "prio"));
        Lacpdu(v, "actor LACPDU info:", Get(pr, "actor_lacpdu_info"));
        Lacpdu(v, "partner LACPDU info:", Get(pr, "partner_lacpdu_info"));
        v.Outdent();
    }

    private static void Lacpdu(StateViewLines v, string title, JsonElement info)
    {
        v.Line(2, title);
        v.Indent();
        v.Line(2, "system priority: " + Str(info, "system_priority"));
        v.Line(2, "system: " + Str(info, "system"));
        v.Line(2, "key: " + Str(info, "key"));
        v.Line(2, "port_priority: " + Str(info, "port_priority"));
        v.Line(2, "port: " + Str(info, "port"));
        v.Line(2, "state: 0x" + (info.ValueKind == JsonValueKind.Object && info.TryGetProperty("state", out JsonElement s) && s.TryGetInt32(out int st)
            ? st.ToString("x", CultureInfo.InvariantCulture) : "0"));
        v.Outdent();
    }
}
