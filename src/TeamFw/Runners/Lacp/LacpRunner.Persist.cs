// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Text.Json;
using TeamFw.Logging;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>
/// What survives a restart. The partner keeps our last LACPDU for its timeout (3 s at fast rate), so a
/// daemon that comes back within it can carry on as if nothing happened: the state file holds, per port
/// whose partner was current, our actor information and the partner's, and the selected aggregator
/// (by the ifindex of a port in it). A port taken back with its link up is current again with that
/// partner at once (no expired phase, no resync), the same aggregator is selected, and the first LACPDU
/// says exactly what the last one of the previous daemon said, so the partner never leaves sync. A port
/// resumes only while what we announce is unchanged (system, key, port priority and number): otherwise
/// the partner must hear the news and it starts afresh. Should the partner have moved on meanwhile, its
/// next LACPDU (sent at once, since ours disagrees with what it holds) corrects us as any LACPDU does.
/// </summary>
public sealed partial class LacpRunner
{
    private readonly Dictionary<int, (LacpInfo Actor, LacpInfo Partner)> _resume = [];
    private int _resumeSelected;
    private bool _restoring;
    private long _stateVersion;

    private void Changed() => _stateVersion++;

    public long StateStamp(IRunnerTeam team) => _stateVersion;

    public void SaveState(IRunnerTeam team, Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("selected_aggregator", _selected?.Port.IfIndex ?? 0);
        w.WriteStartArray("ports");
        foreach (LacpPort lp in _ports)
        {
            if (lp.State == LacpPortState.Current)
            {
                w.WriteStartObject();
                w.WriteNumber("ifindex", lp.Port.IfIndex);
                LacpInfoJson.Write(w, "actor", lp.Actor);
                LacpInfoJson.Write(w, "partner", lp.Partner);
                w.WriteEndObject();
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public void BeginRestore(JsonElement saved)
    {
        var ports = new Dictionary<int, (LacpInfo, LacpInfo)>();
        int selected = Number(saved, "selected_aggregator", "lacp");
        int i = 0;
        foreach (JsonElement p in Array(saved, "ports"))
        {
            string at = $"lacp.ports[{i++}]";
            ports[Number(p, "ifindex", at)] = (LacpInfoJson.Read(p, "actor", at), LacpInfoJson.Read(p, "partner", at));
        }

        foreach (KeyValuePair<int, (LacpInfo, LacpInfo)> kv in ports)
        {
            _resume[kv.Key] = kv.Value;
        }

        _resumeSelected = selected;
        _restoring = true;
    }

    /// <summary>Every port is back: select the aggregator that was selected (if it is there) and say so to the partners.</summary>
    public void EndRestore(IRunnerTeam team)
    {
        _restoring = false;
        _resume.Clear();
        LacpPort? kept = _ports.Find(lp => lp.Port.IfIndex == _resumeSelected && lp.Selected)?.AggLead;
        SelectedAggUpdate(team, kept, kept is null ? null : "selected before the restart");
        Settle(team, _clock());
    }

    /// <summary>Gives a port added back after a restart the partner it had, if what we announce on it is unchanged.</summary>
    private void TakeResume(IRunnerTeam team, LacpPort lp)
    {
        if (!_resume.Remove(lp.Port.IfIndex, out (LacpInfo Actor, LacpInfo Partner) saved))
        {
            return;
        }

        if (saved.Actor with { State = LacpState.None } != lp.Actor)
        {
            Log.LacpNotResumed(team.Logger, team.Name, lp.Port.Name, "what it announces changed (system, key or port priority)");
            return;
        }

        // The partner waits for us as long as its own timeout (short when its actor state says so).
        lp.Resume = saved.Partner;
        lp.ResumeUntil = _clock() + ((saved.Partner.Has(LacpState.Timeout) ? FastPeriodicMs : SlowPeriodicMs) * TimeoutMultiplier);
    }

    internal static int Number(JsonElement o, string name, string at, int max = int.MaxValue)
        => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n >= 0 && n <= max
            ? n
            : throw new FormatException($"{at}.{name}: expected a number from 0 to {max}");

    private static JsonElement.ArrayEnumerator Array(JsonElement o, string name)
        => o.ValueKind == JsonValueKind.Object && o.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray()
            : throw new FormatException($"lacp.{name}: expected an array");
}
