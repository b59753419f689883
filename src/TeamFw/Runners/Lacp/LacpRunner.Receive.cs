// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Numerics;
using TeamFw.Logging;
using TeamFw.Modes;
using TeamFw.Packets;

namespace TeamFw.Runners.Lacp;

/// <summary>The lacp runner's receive side: LACPDUs (IEEE 802.1AX, the Receive machine) and Marker requests
/// (IEEE 802.1AX, the Marker protocol: answered at once).</summary>
public sealed partial class LacpRunner
{
    public void OnControlFrame(IRunnerTeam team, IRunnerPort port, ReadOnlySpan<byte> frame, long now)
    {
        LacpPort? lp = Find(port);
        if (lp is null)
        {
            return;
        }

        LacpduStatus status = Lacpdu.Parse(frame, out LacpInfo actor, out LacpInfo partner);
        if (status != LacpduStatus.Ok)
        {
            if (status == LacpduStatus.NotLacp)
            {
                if (!AnswerMarker(team, lp, frame, now))
                {
                    lp.RxIgnored++;
                }
            }
            else if (BitOperations.IsPow2(++lp.RxInvalid))
            {
                Log.LacpBadPdu(team.Logger, team.Name, port.Name, status.ToString());
            }

            return;
        }

        lp.RxPdus++;
        if (lp.State == LacpPortState.Disabled)
        {
            // The link watchers say the link is down: the receive machine is not running. When both ends
            // come up at once, the partner's first LACPDU often arrives before our own link event; it is
            // kept and taken when the link comes up within a periodic time, instead of waiting a second
            // for the next.
            lp.Held = (actor, partner, now);
            return;
        }

        Receive(team, lp, actor, partner, now);
        Settle(team, now);
    }

    /// <summary>The marker responder: a partner's Marker Information PDU is answered at once on the port it
    /// came in on (whether the port is enabled or not, as 802.1AX's responder runs on every port). We
    /// deliver every frame as soon as it arrives, so there is nothing to flush first.</summary>
    private static bool AnswerMarker(IRunnerTeam team, LacpPort lp, ReadOnlySpan<byte> frame, long now)
    {
        Span<byte> response = stackalloc byte[Lacpdu.FrameLength];
        int len = Lacpdu.WriteMarkerResponse(frame, lp.Port.OwnMac, response);
        if (len == 0)
        {
            return false;
        }

        if (lp.TryTakeMarkerSlot(now))
        {
            if (team.SendControlFrame(lp.Port, response[..len]))
            {
                lp.MarkerResponses++;
            }
            else
            {
                lp.TxFailed++;
            }
        }

        return true;
    }

    private void Receive(IRunnerTeam team, LacpPort lp, in LacpInfo actor, in LacpInfo partner, long now)
    {
        lp.Unheard = false;
        if (actor != lp.Partner)
        {
            LacpInfo old = lp.Partner;
            lp.Partner = actor;
            if (old.System != actor.System || old.Key != actor.Key || old.Port != actor.Port || old.SystemPriority != actor.SystemPriority)
            {
                Log.LacpPartnerChanged(team.Logger, team.Name, lp.Port.Name, actor.SystemText(), actor.SystemPriority, actor.Key, actor.Port);
                lp.LoopbackWarned &= old.System == actor.System;
            }

            Changed();
            UpdatePeriodic(lp, now);
            AggUpdate(team, lp);
        }

        SetState(team, lp, LacpPortState.Current, "LACPDU received", now);
        UpdateActor(lp);

        // The partner has our information wrong (or out of date): tell it now.
        if (partner != lp.Actor)
        {
            lp.Ntt = true;
        }

        lp.TimeoutAt = now + (Config.FastRate ? FastPeriodicMs : SlowPeriodicMs) * TimeoutMultiplier;
    }
}
