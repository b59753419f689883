// SPDX-License-Identifier: MIT
// Copyright (c) teamfw contributors

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TeamFw.IntegrationTests.Infrastructure;
using TeamFw.Native.Tests.Layout;
using Xunit;
using Xunit.Abstractions;

namespace TeamFw.IntegrationTests.Board;

/// <summary>
/// The struct layouts the layout probe measured on a board (<see cref="LayoutProbe"/>), checked twice:
/// against the C layout model for that ABI (which the host only proves for its own ABI), and by that
/// ABI's gcc, through the same _Static_assert checks TeamFw.Native.Tests generates from the model,
/// here filled with the measured numbers.
/// </summary>
internal static class BoardLayouts
{
    public static void Check(BoardScenario probe, Abi abi, ITestOutputHelper output)
    {
        var structs = new Dictionary<string, (int Size, int Align)>();
        foreach (string line in probe.Values("struct"))
        {
            string[] w = line.Split(' '); // NAME size N align N
            structs[w[0]] = (Int(w[2]), Int(w[4]));
        }

        var fields = new Dictionary<(string, string), (int Offset, int Size)>();
        foreach (string line in probe.Values("field"))
        {
            string[] w = line.Split(' '); // STRUCT FIELD offset N size N
            fields[(w[0], w[1])] = (Int(w[3]), Int(w[5]));
        }

        var differences = new List<string>();
        StringBuilder c = CProgram.Begin(abi);
        int asserts = 0;
        foreach (KernelStruct ks in KernelStructs.All)
        {
            string name = ks.Type.Name;
            Assert.True(structs.TryGetValue(name, out var measured), $"the probe printed no struct {name}");
            CStructLayout model = CLayoutModel.Layout(ks.Type, abi);
            if (measured.Size != model.Size || measured.Align != model.Align)
            {
                differences.Add($"{name}: board size {measured.Size} align {measured.Align}, model size {model.Size} align {model.Align}");
            }

            var board = new List<CFieldLayout>();
            foreach (CFieldLayout f in model.Fields)
            {
                Assert.True(fields.TryGetValue((name, f.Name), out var m), $"the probe printed no field {name}.{f.Name}");
                if (m.Offset != f.Offset || m.Size != f.Type.Size)
                {
                    differences.Add($"{name}.{f.Name}: board offset {m.Offset} size {m.Size}, model offset {f.Offset} size {f.Type.Size}");
                }

                board.Add(f with { Offset = m.Offset, Type = f.Type with { Size = m.Size } });
            }

            asserts += StructAsserts.Append(c, abi, ks, new CStructLayout(ks.Type, measured.Size, measured.Align, board));
        }

        Assert.True(differences.Count == 0, $"the {abi} layouts measured on the board differ from the model:\n" + string.Join('\n', differences));
        if (abi.FindCompiler() is null)
        {
            Prerequisite.Missing(abi.MissingCompilerMessage);
        }

        Gcc.AssertAccepts(abi, "board-structs", c.ToString());
        output.WriteLine($"{structs.Count} structs and {fields.Count} fields as Native AOT laid them out on the board: as the model says, and {asserts} asserts hold in {abi.Compiler}");
    }

    private static int Int(string s) => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture);
}
