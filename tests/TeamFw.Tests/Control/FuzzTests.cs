// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System;
using System.Collections.Generic;
using TeamFw.Control;
using TeamFw.Netlink;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.Tests.Control;

/// <summary>
/// Mutates valid requests (bit flips, random bytes, truncation, garbage tails, length fields,
/// concatenations) and feeds them to the dispatcher: nothing may escape, every answer must be a
/// sequence of well-formed netlink messages, and the server must still answer a NOOP afterwards.
/// TEAMFW_FUZZ_ITERATIONS raises the count (make bench), TEAMFW_FUZZ_SEED replays a run.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    internal static byte[] Mutate(Random rnd, List<byte[]> seeds)
    {
        byte[] m = (byte[])seeds[rnd.Next(seeds.Count)].Clone();
        int rounds = 1 + rnd.Next(4);
        for (int r = 0; r < rounds; r++)
        {
            switch (rnd.Next(9))
            {
                case 0 when m.Length > 0:
                    m[rnd.Next(m.Length)] ^= (byte)(1 << rnd.Next(8));
                    break;
                case 1 when m.Length > 0:
                    m[rnd.Next(m.Length)] = (byte)rnd.Next(256);
                    break;
                case 2:
                    Array.Resize(ref m, rnd.Next(m.Length + 1));
                    break;
                case 3:
                    byte[] tail = new byte[rnd.Next(1, 64)];
                    rnd.NextBytes(tail);
                    m = Wire.Cat(m, tail);
                    break;
                case 4 when m.Length >= 4:
                    BitConverter.GetBytes((uint)rnd.Next(0, m.Length + 64)).CopyTo(m, 0);
                    break;
                case 5 when m.Length > 24:
                    int at = 20 + (rnd.Next(m.Length - 22) & ~3);
                    BitConverter.GetBytes((ushort)rnd.Next(0, 70000)).CopyTo(m, at);
                    break;
                case 6:
                    m = Wire.Cat(m, seeds[rnd.Next(seeds.Count)]);
                    break;
                case 7 when m.Length > 24:
                    int t = 22 + (rnd.Next(m.Length - 24) & ~3);
                    m[t] = (byte)rnd.Next(16);
                    m[t + 1] = (byte)(rnd.Next(2) == 0 ? 0 : 0x80);
                    break;
                default:
                    if (m.Length >= 8)
                    {
                        BitConverter.GetBytes((ushort)rnd.Next(0x20)).CopyTo(m, 6);
                    }

                    break;
            }
        }

        return m;
    }

    /// <summary>Every datagram splits exactly into messages of known types; errors carry errno ≤ 0 and the request header.</summary>
    internal static void AssertWellFormed(byte[] d)
    {
        var rest = new NlMessageReader(d);
        int consumed = 0;
        while (rest.TryNext(out ReadOnlySpan<byte> m))
        {
            NlHeader h = NlHeader.Read(m);
            Assert.True(h.Type is 0x10 or 0x13 or 0x14 or Nl.NlmsgError or Nl.NlmsgDone, $"unexpected type {h.Type}");
            if (h.Type == Nl.NlmsgError)
            {
                Assert.True(m.Length >= 36, "NLMSG_ERROR shorter than error + header");
                Assert.True(BitConverter.ToInt32(m[16..]) <= 0);
            }

            consumed += Nl.Align(m.Length);
        }

        Assert.True(consumed >= d.Length, $"{d.Length - consumed} bytes after the last well-formed message");
    }

    [Fact]
    public void MutatedRequests_AlwaysWellFormedAnswers_ServerStillServes()
    {
        int iterations = FuzzSettings.Iterations(100_000);
        int seed = FuzzSettings.Seed();
        output.WriteLine($"{iterations} mutations, seed {seed} (TEAMFW_FUZZ_SEED={seed} replays it)");
        var rnd = new Random(seed);
        List<byte[]> seeds = Seeds.All();
        using var f = new ServerFixture();
        using ControlConnection c = ServerFixture.Connection();
        long answers = 0;
        for (int i = 0; i < iterations; i++)
        {
            byte[] m = Mutate(rnd, seeds);
            List<byte[]> replies;
            try
            {
                replies = f.Exchange(c, m);
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException($"iteration {i} (seed {seed}): {e} for {Wire.Hex(m)}");
            }

            foreach (byte[] d in replies)
            {
                AssertWellFormed(d);
                answers++;
            }
        }

        output.WriteLine($"{answers} answer datagrams checked");
        Assert.Equal(0, f.Server.InternalErrors);
        byte[] noop = Wire.Msg(0x14, 0x5, 99, 0, Wire.Genl(0, 1));
        Assert.Equal(2, f.Exchange(c, noop).Count);
    }
}
