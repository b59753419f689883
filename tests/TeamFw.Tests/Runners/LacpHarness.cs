// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Packets;
using TeamFw.Runners.Lacp;
using TeamFw.Tests.Fakes;

namespace TeamFw.Tests.Runners;

/// <summary>
/// lacp runners on fake teams joined by fake wires, on one fake clock: what one team sends on a port
/// is delivered to the port at the other end of its wire (unless the wire is silent), and the clock
/// only moves by <see cref="Advance"/>, which runs every runner timer that falls due on the way.
/// </summary>
internal sealed class LacpHarness
{
    private readonly List<(FakeTeam Team, LacpRunner Runner)> _teams = [];
    private readonly Dictionary<FakePort, (FakeTeam Team, FakePort Port)> _peer = [];
    private readonly Dictionary<FakeTeam, int> _delivered = [];
    private readonly Dictionary<(FakeTeam, string), FakePort> _wired = [];

    public long Now { get; private set; } = 1_000_000;

    /// <summary>Frames each wire end has carried to its peer.</summary>
    public Dictionary<FakePort, int> Carried { get; } = [];

    /// <summary>Wire ends whose frames are dropped (a partner that went silent).</summary>
    public HashSet<FakePort> Silent { get; } = [];

    public (FakeTeam Team, LacpRunner Runner) NewTeam(RunnerConfig config, byte lastMacByte)
    {
        var runner = new LacpRunner(config, () => Now);
        var team = new FakeTeam(runner) { Mac = [0x02, 0, 0, 0, 0, lastMacByte], Name = "team" + lastMacByte };
        _teams.Add((team, runner));
        _delivered[team] = 0;
        return (team, runner);
    }

    public static RunnerConfig Config(bool active = true, bool fast = false, int minPorts = 1, string policy = "lacp_prio", int sysPrio = 65535)
        => new() { Name = "lacp", Active = active, FastRate = fast, MinPorts = minPorts, AggSelectPolicy = policy, SysPrio = sysPrio };

    public void Wire(FakeTeam a, FakePort pa, FakeTeam b, FakePort pb)
    {
        _peer[pa] = (b, pb);
        _peer[pb] = (a, pa);
        _wired[(a, pa.Name)] = pa;
        _wired[(b, pb.Name)] = pb;
    }

    /// <summary>Delivers every frame sent so far, and what the answers send, until nothing more is sent.</summary>
    public void Pump()
    {
        for (int round = 0; round < 1000; round++)
        {
            bool any = false;
            foreach ((FakeTeam team, LacpRunner _) in _teams)
            {
                while (_delivered[team] < team.Sent.Count)
                {
                    SentFrame f = team.Sent[_delivered[team]++];
                    // A port already removed from its team still has its wire (its last LACPDU goes out).
                    if (!_wired.TryGetValue((team, f.Port), out FakePort? from) || Silent.Contains(from)
                        || !_peer.TryGetValue(from, out var to) || !to.Port.LinkUp)
                    {
                        continue;
                    }

                    Carried[from] = Carried.GetValueOrDefault(from) + 1;
                    to.Team.Runner.OnControlFrame(to.Team, to.Port, f.Frame, Now);
                    any = true;
                }
            }

            if (!any)
            {
                return;
            }
        }

        throw new InvalidOperationException("the runners never stop answering each other");
    }

    /// <summary>Moves the clock by <paramref name="ms"/>, running due timers in order and delivering what they send.</summary>
    public void Advance(long ms)
    {
        long end = Now + ms;
        Pump();
        while (true)
        {
            long next = end;
            foreach ((FakeTeam _, LacpRunner r) in _teams)
            {
                next = Math.Min(next, r.NextDeadline);
            }

            Now = Math.Max(Now, next);
            foreach ((FakeTeam team, LacpRunner r) in _teams)
            {
                if (Now >= r.NextDeadline)
                {
                    r.OnTimer(team, Now);
                }
            }

            Pump();
            if (Now >= end)
            {
                return;
            }
        }
    }

    /// <summary>Decodes the frames <paramref name="team"/> sent on <paramref name="port"/> from index <paramref name="from"/>.</summary>
    public static List<(LacpInfo Actor, LacpInfo Partner)> Pdus(FakeTeam team, string port, int from = 0)
    {
        var list = new List<(LacpInfo, LacpInfo)>();
        for (int i = from; i < team.Sent.Count; i++)
        {
            if (team.Sent[i].Port == port && Lacpdu.Parse(team.Sent[i].Frame, out LacpInfo a, out LacpInfo p) == LacpduStatus.Ok)
            {
                list.Add((a, p));
            }
        }

        return list;
    }
}
