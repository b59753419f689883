// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Config;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>
/// teamd's lacp runner (IEEE 802.1AX) over the loadbalance mode. Per port: a receive state
/// (disabled / current / expired / defaulted) driven by the link verdict, received LACPDUs and the
/// timeout (3 × the periodic time of our own rate: 3 s fast, 90 s slow); periodic LACPDUs at the
/// rate the partner asks for (1 s or 30 s), sent while we or the partner are active, and while
/// expired. Ports whose partner system and keys match form an aggregator; one aggregator is selected
/// by agg_select_policy; a port is enabled when it is in the selected aggregator and its partner is
/// in sync. Any change of what we would say in an LACPDU is sent at once (within 802.1AX's limit of
/// three per second), so the partner never waits a periodic time to learn of it. The team's carrier
/// is on while at least min_ports ports are enabled. With runner.tx_balancer the team hands the
/// runner a <see cref="TxBalancer"/>, which it runs from its timer over the enabled ports.
/// </summary>
public sealed partial class LacpRunner : IRunner, ITxBalancerOwner
{
    public const int FastPeriodicMs = 1000;
    public const int SlowPeriodicMs = 30000;
    public const int TimeoutMultiplier = 3;

    private readonly List<LacpPort> _ports = [];
    private readonly Func<long> _clock;
    private LacpPort? _selected;
    private bool _adminUp = true;

    public LacpRunner(RunnerConfig config, Func<long>? clock = null)
    {
        Config = config;
        _clock = clock ?? (static () => Environment.TickCount64);
    }

    public RunnerConfig Config { get; }

    public ushort ControlEtherType => Lacpdu.EtherTypeSlow;

    public TxBalancer? Balancer { get; set; }

    public IReadOnlyList<LacpPort> LacpPorts => _ports;

    /// <summary>The leading port of the selected aggregator, or null.</summary>
    public LacpPort? SelectedAggregator => _selected;

    /// <summary>teamd's aggregator.selected: the port is selected into the aggregator that is selected.</summary>
    public bool IsInSelectedAggregator(LacpPort lp) => lp.Selected && lp.AggLead == _selected;

    public LacpPort? Find(IRunnerPort port) => _ports.Find(p => ReferenceEquals(p.Port, port));

    public long NextDeadline
    {
        get
        {
            long next = Balancer?.NextDeadline ?? long.MaxValue;
            foreach (LacpPort lp in _ports)
            {
                next = Math.Min(next, lp.NextDeadline(FastPeriodicMs));
            }

            return next;
        }
    }

    public void PortAdded(IRunnerTeam team, IRunnerPort port)
    {
        var lp = new LacpPort(port)
        {
            Actor = new LacpInfo((ushort)Config.SysPrio, LacpInfo.SystemOf(team.TeamMac), (ushort)port.LacpKey, (ushort)port.LacpPrio, (ushort)port.IfIndex, LacpState.None),
        };
        TakeResume(team, lp);
        _ports.Add(lp);
        team.SetEnabled(port, false);
        LinkUpdate(team, lp, _clock(), "port added");
        Settle(team, _clock());
    }

    public void PortRemoved(IRunnerTeam team, IRunnerPort port)
    {
        LacpPort? lp = Find(port);
        if (lp is null)
        {
            return;
        }

        long now = _clock();
        SetState(team, lp, LacpPortState.Disabled, "port removed", now);
        _ports.Remove(lp);

        // A last LACPDU out of sync, so the partner stops distributing to it now, not after its timeout.
        UpdateActor(lp);
        Transmit(team, lp, now);
        Settle(team, now);
    }

    /// <summary>The link verdict, speed or duplex changed, or the port's config was updated.</summary>
    public void PortLinkChanged(IRunnerTeam team, IRunnerPort port)
    {
        if (Find(port) is { } lp)
        {
            long now = _clock();
            LinkUpdate(team, lp, now, port.LinkUp ? "link up" : "link down");
            Settle(team, now);
        }
    }

    public void OnTimer(IRunnerTeam team, long now)
    {
        foreach (LacpPort lp in _ports)
        {
            if (now >= lp.TimeoutAt)
            {
                if (lp.State == LacpPortState.Current)
                {
                    SetState(team, lp, LacpPortState.Expired, "no LACPDU within the timeout", now);
                }
                else if (lp.State == LacpPortState.Expired)
                {
                    SetState(team, lp, LacpPortState.Defaulted, "still no LACPDU: partner forgotten", now);
                }
                else
                {
                    lp.TimeoutAt = long.MaxValue;
                }
            }

            if (now >= lp.PeriodicAt)
            {
                // Catch up without a burst if the loop was late.
                lp.PeriodicAt = Math.Max(lp.PeriodicAt + lp.PeriodicInterval, now + 1);
                lp.Ntt = true;
            }
        }

        Settle(team, now);
        if (Balancer is { } b && now >= b.NextDeadline)
        {
            b.OnTimer(team, now);
        }
    }

    /// <summary>
    /// While the team device is administratively down no port is in sync, collecting or distributing, and
    /// none is enabled: the partner learns it from the LACPDU sent at once and stops sending to us (SONiC's
    /// teamd fix for a shut port channel that kept attracting traffic). LACPDUs go on being exchanged, so
    /// the ports are back in sync the moment the device comes up.
    /// </summary>
    public void TeamAdminChanged(IRunnerTeam team, bool up)
    {
        if (up == _adminUp)
        {
            return;
        }

        _adminUp = up;
        if (_ports.Count > 0)
        {
            Log.LacpTeamAdmin(team.Logger, team.Name, up ? "up: ports may be in sync again" : "down: every port out of sync");
        }

        // As for a link that comes up: a new conversation, not held back by the LACPDUs of the last second
        // (typically the ones exchanged at start, just before the device was brought up).
        foreach (LacpPort lp in _ports)
        {
            lp.ResetTxLimit();
        }

        SelectedAggUpdate(team, _selected, null);
        Settle(team, _clock());
    }

    /// <summary>teamd's min_ports: the team carrier is on while at least that many ports are enabled.</summary>
    public bool CarrierUp(IRunnerTeam team)
    {
        int enabled = 0;
        foreach (IRunnerPort p in team.Ports)
        {
            if (p.Enabled && ++enabled >= Config.MinPorts)
            {
                return true;
            }
        }

        return false;
    }

    private void LinkUpdate(IRunnerTeam team, LacpPort lp, long now, string reason)
    {
        IRunnerPort port = lp.Port;

        // `port config update` may change the key or priority we announce.
        if (lp.Actor.Key != (ushort)port.LacpKey || lp.Actor.PortPriority != (ushort)port.LacpPrio)
        {
            lp.Actor = lp.Actor with { Key = (ushort)port.LacpKey, PortPriority = (ushort)port.LacpPrio };
            AggUpdate(team, lp);
        }

        // A half-duplex link cannot aggregate (802.1AX); speed 0 with duplex unknown (virtio) is accepted.
        bool usable = port.LinkUp && !(port.Duplex == 0 && port.SpeedMbps > 0);
        if (!usable)
        {
            SetState(team, lp, LacpPortState.Disabled, port.LinkUp ? "half duplex" : reason, now);
        }
        else if (lp.State == LacpPortState.Disabled)
        {
            // A link that just came up starts a new conversation: what was sent before it went down
            // does not count against the three-a-second limit.
            lp.ResetTxLimit();
            if (lp.Resume is { } partner && now <= lp.ResumeUntil)
            {
                // Taken back after a restart: carry on with the partner we had (see LacpRunner.Persist).
                lp.Partner = partner;
                SetState(team, lp, LacpPortState.Current, "resumed after a restart", now);
                lp.TimeoutAt = now + ((Config.FastRate ? FastPeriodicMs : SlowPeriodicMs) * TimeoutMultiplier);
            }
            else
            {
                lp.Unheard = true;
                SetState(team, lp, LacpPortState.Expired, reason, now);
                if (lp.Held is { } held && now - held.At <= FastPeriodicMs)
                {
                    Receive(team, lp, held.Actor, held.Partner, now);
                }
            }

            lp.Resume = null;
            lp.Held = null;
        }
    }

    private void SetState(IRunnerTeam team, LacpPort lp, LacpPortState state, string reason, long now)
    {
        if (state == lp.State)
        {
            return;
        }

        switch (state)
        {
            case LacpPortState.Expired:
                // Ask the partner for fast LACPDUs and stop trusting its sync until it speaks again.
                lp.Partner = lp.Partner.With(LacpState.Timeout, clear: LacpState.Synchronization);
                lp.TimeoutAt = now + FastPeriodicMs * TimeoutMultiplier;
                break;
            case LacpPortState.Defaulted:
                lp.Partner = new LacpInfo(0, 0, 0, 0, 0, LacpState.Timeout);
                lp.TimeoutAt = long.MaxValue;
                break;
            case LacpPortState.Disabled:
                lp.Partner = default;
                lp.TimeoutAt = long.MaxValue;
                break;
        }

        Log.LacpStateChanged(team.Logger, team.Name, lp.Port.Name, StateName(lp.State), StateName(state), reason);
        lp.State = state;
        Changed();
        UpdatePeriodic(lp, now);
        AggUpdate(team, lp);
    }

    public static string StateName(LacpPortState s) => s switch
    {
        LacpPortState.Current => "current",
        LacpPortState.Expired => "expired",
        LacpPortState.Defaulted => "defaulted",
        _ => "disabled",
    };

    /// <summary>
    /// Periodic LACPDUs at the partner's rate, while we or the partner are active (and always while expired).
    /// Until a port whose link came up hears its partner, three a second (802.1AX's most): a partner whose
    /// port came up a moment later may not have heard the first one — teamd sets its LACP port up after the
    /// link and drops what came before — and would otherwise answer only at its own periodic time, a second
    /// on (the kernel oracle: 0.8–1.0 s to converge when teamd started after teamfw).
    /// </summary>
    private void UpdatePeriodic(LacpPort lp, long now)
    {
        bool on = lp.State != LacpPortState.Disabled
            && (Config.Active || lp.Partner.Has(LacpState.Activity) || lp.State == LacpPortState.Expired);
        int interval = !on ? 0
            : lp.Unheard && lp.State == LacpPortState.Expired ? FastPeriodicMs / LacpPort.TxBurst
            : lp.Partner.Has(LacpState.Timeout) ? FastPeriodicMs : SlowPeriodicMs;
        if (interval != lp.PeriodicInterval)
        {
            lp.PeriodicInterval = interval;
            lp.PeriodicAt = on ? now + interval : long.MaxValue;
        }
    }

    /// <summary>The actor state octet from the configuration, the state and the selection.</summary>
    private void UpdateActor(LacpPort lp)
    {
        LacpState s = LacpState.Aggregation;
        if (Config.Active)
        {
            s |= LacpState.Activity;
        }

        if (Config.FastRate)
        {
            s |= LacpState.Timeout;
        }

        if (_adminUp && IsInSelectedAggregator(lp))
        {
            s |= LacpState.Synchronization;
            if (lp.Partner.Has(LacpState.Synchronization))
            {
                s |= LacpState.Collecting | LacpState.Distributing;
            }
        }

        s |= lp.State switch
        {
            LacpPortState.Expired => LacpState.Expired,
            LacpPortState.Defaulted => LacpState.Defaulted,
            _ => LacpState.None,
        };
        lp.Actor = lp.Actor with { State = s };
    }

    /// <summary>After every event: recompute every port's actor state and send what changed (or is due).</summary>
    private void Settle(IRunnerTeam team, long now)
    {
        foreach (LacpPort lp in _ports)
        {
            UpdateActor(lp);
            if (lp.State == LacpPortState.Disabled)
            {
                lp.Ntt = false; // no link to send on; the next state change sends
                continue;
            }

            if (lp.Actor != lp.LastSentActor)
            {
                lp.Ntt = true;
            }

            // While a team is taken back after a restart nothing goes out until every port is back (EndRestore).
            if (lp.Ntt && !_restoring && now >= lp.NextSendAllowed(FastPeriodicMs))
            {
                Transmit(team, lp, now);
            }
        }
    }

    private static void Transmit(IRunnerTeam team, LacpPort lp, long now)
    {
        Span<byte> frame = stackalloc byte[Lacpdu.FrameLength];
        int len = Lacpdu.Write(frame, lp.Port.OwnMac, lp.Actor, lp.Partner);
        if (team.SendControlFrame(lp.Port, frame[..len]))
        {
            lp.TxPdus++;
        }
        else
        {
            lp.TxFailed++;
        }

        lp.RecordSend(now);
        lp.LastSentActor = lp.Actor;
        lp.Ntt = false;
    }
}
