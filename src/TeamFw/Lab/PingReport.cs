// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using System.Globalization;

namespace TeamFw.Lab;

/// <summary>
/// What a ping run printed: the summary ("N packets transmitted, M received, +D duplicates, ..., time Tms",
/// iputils or busybox wording), the rtt line, and the sequence number of every reply (duplicates left
/// out), with its arrival time when ping ran with -D ("[1732185424.255924] 64 bytes from ...").
/// </summary>
internal sealed record PingReport(
    int Transmitted, int Received, int Duplicates, int Errors, long? TimeMs, double? RttMin, double? RttAvg, double? RttMax,
    IReadOnlyList<int> ReplySeqs, IReadOnlyList<double> ReplyTimes)
{
    public int Lost => Math.Max(0, Transmitted - Received);

    /// <summary>Milliseconds between two echo requests, measured (ping paces slower than -i asks at 1 ms).</summary>
    public double? IntervalMs => TimeMs is long t && Transmitted > 1 ? (double)t / (Transmitted - 1) : null;

    /// <summary>
    /// The longest run of requests without a reply: first missing sequence number and length. The
    /// sequence runs from 1 (iputils) or 0 (busybox) to first + Transmitted - 1.
    /// </summary>
    public (int First, int Count) LongestGap()
    {
        if (Transmitted <= 0)
        {
            return (0, 0);
        }

        int first = ReplySeqs.Count > 0 && Min(ReplySeqs) == 0 ? 0 : 1;
        int last = first + Transmitted - 1;
        var seen = new HashSet<int>(ReplySeqs);
        (int First, int Count) best = (0, 0);
        int runStart = -1;
        for (int s = first; s <= last + 1; s++)
        {
            bool missing = s <= last && !seen.Contains(s);
            if (missing && runStart < 0)
            {
                runStart = s;
            }
            else if (!missing && runStart >= 0)
            {
                if (s - runStart > best.Count)
                {
                    best = (runStart, s - runStart);
                }

                runStart = -1;
            }
        }

        return best;
    }

    /// <summary>True when some reply came back after the longest gap (the path works again).</summary>
    public bool RecoveredAfterGap()
    {
        (int first, int count) = LongestGap();
        int after = first + count;
        foreach (int s in ReplySeqs)
        {
            if (s >= after)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The longest time between two replies that overlaps [<paramref name="from"/>, <paramref name="to"/>]
    /// (Unix seconds), in ms, with the arrival times around it; null without -D timestamps. This is
    /// the outage even when ping slows down while replies are missing (iputils holds back new
    /// requests then, so lost requests under-count it).
    /// </summary>
    public (double Ms, double From, double To)? LongestSilence(double from = double.MinValue, double to = double.MaxValue)
    {
        (double Ms, double From, double To)? best = null;
        for (int i = 1; i < ReplyTimes.Count; i++)
        {
            if (ReplyTimes[i] < from || ReplyTimes[i - 1] > to)
            {
                continue;
            }

            double ms = (ReplyTimes[i] - ReplyTimes[i - 1]) * 1000;
            if (best is null || ms > best.Value.Ms)
            {
                best = (ms, ReplyTimes[i - 1], ReplyTimes[i]);
            }
        }

        return best;
    }

    public static PingReport Parse(string output)
    {
        int tx = 0, rx = 0, dup = 0, err = 0;
        long? time = null;
        double? min = null, avg = null, max = null;
        var seqs = new List<int>();
        var times = new List<double>();
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            if (line.Contains(" bytes from ", StringComparison.Ordinal))
            {
                if (!line.Contains("(DUP!)", StringComparison.Ordinal) && SeqOf(line) is int seq)
                {
                    seqs.Add(seq);
                    if (TimestampOf(line) is double t)
                    {
                        times.Add(t);
                    }
                }
            }
            else if (line.Contains(" packets transmitted", StringComparison.Ordinal))
            {
                ParseSummary(line, ref tx, ref rx, ref dup, ref err, ref time);
            }
            else if ((line.StartsWith("rtt ", StringComparison.Ordinal) || line.StartsWith("round-trip ", StringComparison.Ordinal)) && line.Contains(" = ", StringComparison.Ordinal))
            {
                string[] v = line[(line.IndexOf(" = ", StringComparison.Ordinal) + 3)..].Split(' ')[0].Split('/');
                min = Number(v, 0);
                avg = Number(v, 1);
                max = Number(v, 2);
            }
        }

        return new PingReport(tx, rx, dup, err, time, min, avg, max, seqs, times.Count == seqs.Count ? times : []);
    }

    private static void ParseSummary(string line, ref int tx, ref int rx, ref int dup, ref int err, ref long? time)
    {
        foreach (string part in line.Split(','))
        {
            string p = part.Trim();
            string[] w = p.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (w.Length < 2)
            {
                continue;
            }

            if (w[^1] == "transmitted")
            {
                tx = Int(w[0]);
            }
            else if (w[^1] == "received")
            {
                rx = Int(w[0]);
            }
            else if (w[1] == "duplicates")
            {
                dup = Int(w[0].TrimStart('+'));
            }
            else if (w[1] == "errors")
            {
                err = Int(w[0].TrimStart('+'));
            }
            else if (w[0] == "time" && w[1].EndsWith("ms", StringComparison.Ordinal))
            {
                time = Int(w[1][..^2]);
            }
        }
    }

    /// <summary>"icmp_seq=12" (iputils) or "seq=12" (busybox).</summary>
    private static int? SeqOf(string line)
    {
        int at = line.IndexOf("seq=", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        int start = at + 4, end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        return int.TryParse(line.AsSpan(start, end - start), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : null;
    }

    /// <summary>The "[1732185424.255924]" that -D puts in front of a reply line.</summary>
    private static double? TimestampOf(string line)
    {
        int end = line.IndexOf(']', StringComparison.Ordinal);
        return line.StartsWith('[') && end > 1
            && double.TryParse(line.AsSpan(1, end - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double t) ? t : null;
    }

    private static int Int(string s) => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out int n) ? n : 0;

    private static double? Number(string[] v, int i)
        => i < v.Length && double.TryParse(v[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : null;

    private static int Min(IReadOnlyList<int> values)
    {
        int m = int.MaxValue;
        foreach (int v in values)
        {
            m = Math.Min(m, v);
        }

        return m;
    }
}
